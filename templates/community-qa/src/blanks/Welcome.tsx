/** Welcome (blank): above the list of questions. What the community is about and who answers. */
export default function Welcome() {
  return (
    <section className="intro">
      <h1>Ask the gardeners</h1>
      <p>
        Stuck with a wilting plant or a mystery pest? Ask the community. Experienced growers answer, and the best
        answers rise to the top.
      </p>
    </section>
  );
}
