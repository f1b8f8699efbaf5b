/**
 * Pricing (blank): the Pro plan on the account page. Props: onChoose() starts checkout for the
 * `pro` plan, busy. Keep the numbers in sync with template.json (the server enforces those).
 */
export default function Pricing(props: { onChoose: () => void; busy: boolean }) {
  return (
    <div className="stack">
      <p className="price">
        $4 <small>/ month</small>
      </p>
      <ul className="checks">
        <li>Track up to 30 habits (free: 3)</li>
        <li>Download your whole history as a spreadsheet</li>
        <li>Cancel any time</li>
      </ul>
      <button type="button" className="button primary" onClick={props.onChoose} disabled={props.busy}>
        Go Pro
      </button>
    </div>
  );
}
