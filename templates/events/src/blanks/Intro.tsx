/** Intro (blank): above the list of events. Who organises them, what they are, where. */
export default function Intro() {
  return (
    <section className="intro">
      <h1>Evenings worth leaving the house for</h1>
      <p>
        Supper clubs, listening nights and small workshops around town. Free events take an RSVP; the others need a
        ticket. Places are limited, so grab yours early.
      </p>
    </section>
  );
}
