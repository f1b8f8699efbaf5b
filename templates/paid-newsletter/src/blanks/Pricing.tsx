/**
 * Pricing (blank): what membership costs and includes, on the account page. Call `onChoose()`
 * to start checkout for the `member` plan. Keep the price in sync with template plans (the
 * server charges what the plan says, not what this text says).
 */
export default function Pricing(props: { onChoose: () => void; busy: boolean }) {
  return (
    <div className="stack">
      <p className="price">
        $5 <small>/ month</small>
      </p>
      <ul className="checks">
        <li>Every post in full, as soon as it is out</li>
        <li>The complete archive</li>
        <li>Cancel any time from this page</li>
      </ul>
      <button type="button" className="button primary" onClick={props.onChoose} disabled={props.busy}>
        Become a member
      </button>
    </div>
  );
}
