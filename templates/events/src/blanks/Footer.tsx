import { useApp } from "@sandlot/sdk";

/** Footer (blank): organiser, contact, refund policy. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Night Market Club"}
      </span>
      <span>Questions or refunds: hello@example.com</span>
    </div>
  );
}
