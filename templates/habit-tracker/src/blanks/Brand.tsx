import { useApp } from "@sandlot/sdk";

/** Brand (blank): the tracker's mark and name in the header. */
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
          borderRadius: 12,
          background: "var(--color-accent)",
          color: "var(--color-accent-contrast)",
          fontSize: 16,
        }}
      >
        ✓
      </span>
      <span>{name || "Daily Streak"}</span>
    </>
  );
}
