import { useCollection, useEntitlements, useUser } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { when, type Booking, type Slot } from "../lib/slots";

/** Your bookings (locked): only your own (the server scopes the list), with cancel. */
export function MyBookingsPage() {
  const { user, loading } = useUser();
  const bookings = useCollection("bookings", { limit: 100 });
  const slots = useCollection("slots", { limit: 100 });
  const ent = useEntitlements();
  if (loading)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/bookings" />
      </div>
    );
  const slotById = new Map((slots.items as unknown as Slot[]).map((s) => [s.id, s]));
  // The host (creator) may list everyone's bookings; this page shows only the user's own.
  const items = (bookings.items as unknown as Array<Booking & { ownerId: string }>).filter(
    (b) => b.ownerId === user.id,
  );
  return (
    <div className="container narrow stack">
      <div className="spread">
        <h1>My bookings</h1>
        {!ent.loading && <span className="badge">{ent.has("pro") ? "Pro" : "Free"}</span>}
      </div>
      <ErrorNote error={bookings.error} />
      {bookings.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>
          No bookings yet. <Link to="/">Pick a time</Link>.
        </Empty>
      ) : (
        <ul className="booking-list">
          {items.map((b) => {
            const slot = slotById.get(b.slotId);
            const w = slot ? when(slot) : null;
            return (
              <li key={b.id} className="card spread">
                <div>
                  <strong>{w ? `${w.day}, ${w.time}` : "A time that was removed"}</strong>
                  <div className="muted small">
                    {slot?.title ?? "Session"} · booked for {b.name}
                  </div>
                </div>
                <button
                  type="button"
                  className="button danger small"
                  onClick={() => {
                    if (window.confirm("Cancel this booking?")) void bookings.remove(b.id).catch(() => undefined);
                  }}
                >
                  Cancel
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!ent.loading && !ent.has("pro") && (
        <p className="muted small">
          Free accounts hold a few bookings at a time. <Link to="/account">Go Pro</Link> to book more.
        </p>
      )}
      <p className="muted small">
        Hosting these sessions? <Link to="/manage">Manage times</Link>.
      </p>
    </div>
  );
}
