/**
 * Pricing (blank): the Pro upgrade on the account page. Props: onChoose() starts checkout for
 * the `pro` plan, busy. Keep numbers in sync with template.json (the server enforces those).
 */
export default function Pricing(props: { onChoose: () => void; busy: boolean }) {
  return (
    <div className="stack">
      <p className="price">
        $12 <small>/ month</small>
      </p>
      <ul className="checks">
        <li>500 notes (free: 3)</li>
        <li>1,000 tasks (free: 10)</li>
        <li>Cancel any time</li>
      </ul>
      <button type="button" className="button primary" onClick={props.onChoose} disabled={props.busy}>
        Upgrade to Pro
      </button>
    </div>
  );
}
