/**
 * Pricing (blank): the All-access plan on the account page. Props: onChoose() starts checkout for
 * the `all-access` plan, busy. Keep the numbers in sync with template.json (the server charges those).
 */
export default function Pricing(props: { onChoose: () => void; busy: boolean }) {
  return (
    <div className="stack">
      <p className="price">
        $29 <small>/ month</small>
      </p>
      <ul className="checks">
        <li>Download every product in the shop while you are subscribed</li>
        <li>New releases included the day they come out</li>
        <li>Rather own one file for good? Buy it alone for $12</li>
      </ul>
      <button type="button" className="button primary" onClick={props.onChoose} disabled={props.busy}>
        Get All-access
      </button>
    </div>
  );
}
