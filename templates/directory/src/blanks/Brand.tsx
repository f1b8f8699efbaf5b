import { useApp } from "@sandlot/sdk";

/** Brand (blank): the directory's mark and name in the header. */
export default function Brand() {
  // The app's name as the creator set it in the studio (Settings), so a rename shows everywhere.
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
          borderRadius: 8,
          background: "var(--color-accent)",
          color: "var(--color-accent-contrast)",
          fontSize: 17,
          fontWeight: 700,
        }}
      >
        {(name || "Riverside Directory").charAt(0).toUpperCase()}
      </span>
      <span>{name || "Riverside Directory"}</span>
    </>
  );
}
