import { useApp } from "@sandlot/sdk";

/** Footer (blank): who runs the community and how to reach the moderators. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Green Thumbs Q&A"}
      </span>
      <span>Seen something that breaks the rules? Write to the moderators.</span>
    </div>
  );
}
