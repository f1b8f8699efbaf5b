import { useApp } from "@sandlot/sdk";

/** Footer (blank): contact details, address, cancellation policy. */
export default function Footer() {
  const { name } = useApp();
  return (
    <div className="spread">
      <span>
        © {new Date().getFullYear()} {name || "Studio Sessions"}
      </span>
      <span>Need to reschedule? Cancel from My bookings up to the start time.</span>
    </div>
  );
}
