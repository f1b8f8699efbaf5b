import { useApp } from "@sandlot/sdk";

/** Footer (blank): contact details, refund policy, licence terms. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Paper & Pixel"}
      </span>
      <span>Personal and commercial use. Not happy? Ask for a refund within 14 days.</span>
    </div>
  );
}
