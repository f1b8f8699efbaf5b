/**
 * Pricing (blank): the student plan on the account page. Props: onChoose() starts checkout for
 * the `student` plan, busy. Keep the price in sync with template.json (the server charges that).
 */
export default function Pricing(props: { onChoose: () => void; busy: boolean }) {
  return (
    <div className="stack">
      <p className="price">
        $12 <small>/ month</small>
      </p>
      <ul className="checks">
        <li>Every lesson, not just the free previews</li>
        <li>Your progress saved as you go</li>
        <li>A certificate page when you finish</li>
      </ul>
      <button type="button" className="button primary" onClick={props.onChoose} disabled={props.busy}>
        Become a student
      </button>
    </div>
  );
}
