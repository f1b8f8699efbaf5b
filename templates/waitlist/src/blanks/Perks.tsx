/** Why join early (blank): what early joiners get. */
export default function Perks() {
  return (
    <section className="perks" aria-labelledby="perks-title">
      <h2 id="perks-title">Why join early</h2>
      <ul>
        <li>
          <strong>First access.</strong> We let people in by their place in line, a few hundred each week.
        </li>
        <li>
          <strong>Founders' price.</strong> Half price for your first year, locked in for good.
        </li>
        <li>
          <strong>A say in what we build.</strong> Early users shape the roadmap with us.
        </li>
      </ul>
    </section>
  );
}
