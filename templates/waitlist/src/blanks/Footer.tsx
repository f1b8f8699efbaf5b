import { useApp } from "@sandlot/sdk";

/** Footer (blank): who runs the launch, contact, how email addresses are used. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Lumen"} · hello@example.com
      </span>
      <span>We only email you about the launch. Leave the list any time.</span>
    </div>
  );
}
