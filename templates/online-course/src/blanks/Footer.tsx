import { useApp } from "@sandlot/sdk";

/** Footer (blank): who runs the course, contact details, refund policy. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Sketching Basics"}
      </span>
      <span>Questions? Reply to any course email. Cancel your plan any time from Account.</span>
    </div>
  );
}
