import { useApp } from "@sandlot/sdk";

/** Footer (blank): credits, contact, links. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "The Weekly Draft"}
      </span>
      <span>Written with care. Questions? Reply to any issue.</span>
    </div>
  );
}
