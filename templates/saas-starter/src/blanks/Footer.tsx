import { useApp } from "@sandlot/sdk";

/** Footer (blank): company, links, support contact. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Notable"}
      </span>
      <span>Made for focused people.</span>
    </div>
  );
}
