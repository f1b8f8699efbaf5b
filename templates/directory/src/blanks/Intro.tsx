/** Intro (blank): above the search box. What the directory covers, who adds listings, that they are checked. */
export default function Intro() {
  return (
    <section className="intro">
      <h1>Find the best of Riverside</h1>
      <p>
        Cafés, shops, repair services and studios recommended by the people who live here. Anyone can add a place; every
        listing is checked by a person before it appears.
      </p>
    </section>
  );
}
