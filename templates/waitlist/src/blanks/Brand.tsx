import { useApp } from "@sandlot/sdk";

/** Brand (blank): the product's mark and name in the header. */
export default function Brand() {
  // The app's name as the creator set it in the studio, so a rename shows everywhere.
  const { name } = useApp();
  return (
    <>
      <span
        aria-hidden="true"
        style={{
          display: "inline-grid",
          placeItems: "center",
          width: 32,
          height: 32,
          borderRadius: 10,
          background: "var(--color-accent)",
          color: "var(--color-accent-contrast)",
          fontSize: 16,
        }}
      >
        ✦
      </span>
      <span>{name || "Lumen"}</span>
    </>
  );
}
