import { useApp } from "@sandlot/sdk";

/** Footer (blank): who runs the directory, how to reach them, how listings are checked. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Riverside Directory"}
      </span>
      <span>Every listing is checked by a person before it is published.</span>
    </div>
  );
}
