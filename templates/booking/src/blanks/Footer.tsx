/** Footer (blank): contact details, address, cancellation policy. */
export default function Footer() {
  return (
    <div className="spread">
      <span>© {new Date().getFullYear()} Studio Sessions</span>
      <span>Need to reschedule? Cancel from My bookings up to the start time.</span>
    </div>
  );
}
