/** Launch pitch (blank): the headline. Props: waiting, how many people are on the list (null while loading). */
export default function Hero(props: { waiting: number | null }) {
  return (
    <section className="hero">
      <p className="eyebrow">Launching this spring</p>
      <h1>The calm inbox for busy teams</h1>
      <p className="lede">
        Lumen sorts your team's email into what needs you today and what can wait. Join the waitlist to get in first —
        and invite friends to move up the line.
      </p>
      {props.waiting !== null && props.waiting > 0 && (
        <p className="waiting">
          <strong>{props.waiting.toLocaleString()}</strong> {props.waiting === 1 ? "person is" : "people are"} waiting
        </p>
      )}
    </section>
  );
}
