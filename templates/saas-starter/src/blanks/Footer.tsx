/** Footer (blank): company, links, support contact. */
export default function Footer() {
  return (
    <div className="spread">
      <span>© {new Date().getFullYear()} Notable</span>
      <span>Made for focused people.</span>
    </div>
  );
}
