/** Ticket note (blank): under the code on the ticket page. What to bring, doors, refunds. */
export default function DoorNote() {
  return (
    <p className="muted">
      Show this page at the door; we check the code on our list. Doors open 30 minutes before the start. Can't make it?
      Write to us for a refund up to a day before.
    </p>
  );
}
