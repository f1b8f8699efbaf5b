import { useApp } from "@sandlot/sdk";

/** Footer (blank): who makes the tracker, contact, privacy. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Daily Streak"} · hello@example.com
      </span>
      <span>Your habits are private to you.</span>
    </div>
  );
}
