/**
 * Ticket price (blank): shown on a paid event's page next to the Buy button. Keep the amount in
 * sync with template.json (products.ticket): the server charges what the manifest says.
 */
export default function TicketPrice() {
  return (
    <p className="price">
      $15 <small>per ticket</small>
    </p>
  );
}
