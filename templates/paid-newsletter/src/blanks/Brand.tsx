/** Brand (blank): the newsletter's mark and name in the header. */
export default function Brand() {
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
          fontSize: 18,
        }}
      >
        ✎
      </span>
      <span>The Weekly Draft</span>
    </>
  );
}
