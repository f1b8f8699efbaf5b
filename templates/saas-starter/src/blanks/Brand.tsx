/** Brand (blank): the product's mark and name in the header. */
export default function Brand() {
  return (
    <>
      <span
        aria-hidden="true"
        style={{
          display: "inline-grid",
          placeItems: "center",
          width: 30,
          height: 30,
          borderRadius: 8,
          background: "var(--color-accent)",
          color: "var(--color-accent-contrast)",
          fontWeight: 800,
        }}
      >
        N
      </span>
      <span>Notable</span>
    </>
  );
}
