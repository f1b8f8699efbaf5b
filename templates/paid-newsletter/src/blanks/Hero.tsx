/** Hero (blank): the first thing visitors read. Say who writes, about what, and how often. */
export default function Hero() {
  return (
    <section className="hero">
      <p className="kicker">A newsletter by Alex Writer</p>
      <h1>Slow thinking about fast-moving things.</h1>
      <p>
        One carefully researched essay every week. Previews are free; members read everything in full and keep this work
        independent.
      </p>
      <a className="button primary" href="#/join">
        Become a member
      </a>
    </section>
  );
}
