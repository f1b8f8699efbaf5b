/** Footer (blank): credits, contact, links. */
export default function Footer() {
  return (
    <div className="spread">
      <span>© {new Date().getFullYear()} The Weekly Draft</span>
      <span>Written with care. Questions? Reply to any issue.</span>
    </div>
  );
}
