/** Intro (blank): above the list of open times. What the session is, who runs it, where. */
export default function Intro() {
  return (
    <section className="intro">
      <h1>Book a one-to-one session</h1>
      <p>
        Thirty focused minutes with Sam to review your portfolio, plan your next step or just talk shop. Sessions run on
        video; you'll get the link by email.
      </p>
    </section>
  );
}
