/**
 * Featured pitch (blank): offers the paid upgrade on the owner's approved listing. Props:
 * onChoose() starts the payment, busy. Keep the price in sync with template.json ($15 once).
 */
export default function FeaturedPitch(props: { onChoose: () => void; busy: boolean }) {
  return (
    <div className="stack">
      <h2>Feature this listing</h2>
      <p className="price">
        $15 <small>once, for this listing</small>
      </p>
      <ul className="checks">
        <li>Shown first on the home page and in searches</li>
        <li>A Featured badge that stands out</li>
        <li>No subscription: pay once, keep it</li>
      </ul>
      <button type="button" className="button primary" onClick={props.onChoose} disabled={props.busy}>
        Feature it for $15
      </button>
    </div>
  );
}
