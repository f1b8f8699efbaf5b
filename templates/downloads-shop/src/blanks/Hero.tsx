/** Shop intro (blank): above the products. Who makes them and why they are worth it. */
export default function Hero() {
  return (
    <section className="hero">
      <h1>Templates and guides that save you a weekend</h1>
      <p>
        Planners, checklists and design kits made by Mira, an illustrator who ships side projects on Sundays. Buy a file
        once and it is yours to download again any time — or take All-access and get the whole shelf.
      </p>
    </section>
  );
}
