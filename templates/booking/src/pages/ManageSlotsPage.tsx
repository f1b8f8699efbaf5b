import { useState, type FormEvent } from "react";
import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Loading } from "@sandlot/kit";
import { byDay, when, type Booking, type Slot } from "../lib/slots";

/**
 * The host's page (locked). Only the app's creator may add or remove times and see every
 * booking (rules `creator` and `owner|creator` in template.json); the server refuses anyone
 * else with 403, which this page shows.
 */
export function ManageSlotsPage() {
  const { user, loading } = useUser();
  const slots = useCollection("slots", { limit: 100 });
  const bookings = useCollection("bookings", { limit: 100 });
  const [startsAt, setStartsAt] = useState("");
  const [duration, setDuration] = useState(30);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<SandlotError | null>(null);
  const [busy, setBusy] = useState(false);
  if (loading)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/manage" intro="Sign in with your creator account to manage times." />
      </div>
    );

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await slots.create({
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: duration,
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      setStartsAt("");
    } catch (err) {
      setError(err as SandlotError);
    } finally {
      setBusy(false);
    }
  }

  const booked = new Map((bookings.items as unknown as Booking[]).map((b) => [b.slotId, b]));
  return (
    <div className="container stack">
      <h1>Manage times</h1>
      <p className="muted">For the host. Visitors see every time listed here and can book the ones that are free.</p>
      <form className="card row" onSubmit={add} aria-label="Add a time">
        <label className="field">
          <span>Starts</span>
          <input type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </label>
        <label className="field">
          <span>Minutes</span>
          <input
            type="number"
            min={5}
            max={480}
            step={5}
            required
            value={duration}
            onChange={(e) => setDuration(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <span>
            Label <small className="muted">(optional)</small>
          </span>
          <input type="text" maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <button className="button primary" type="submit" disabled={busy}>
          Add time
        </button>
      </form>
      <ErrorNote error={error} />
      {slots.loading && slots.items.length === 0 ? (
        <Loading />
      ) : slots.items.length === 0 ? (
        <Empty>No times yet. Add your first above.</Empty>
      ) : (
        byDay(slots.items as unknown as Slot[], 0).map((g) => (
          <section key={g.day} aria-label={g.day}>
            <h2>{g.day}</h2>
            <ul className="booking-list">
              {g.slots.map((s) => {
                const b = booked.get(s.id);
                return (
                  <li key={s.id} className="card spread">
                    <div>
                      <strong>{when(s).time}</strong> · {s.durationMinutes} min {s.title ? `· ${s.title}` : ""}
                      <div className="muted small">
                        {b ? `Booked by ${b.name}${b.note ? ` — “${b.note}”` : ""}` : "Open"}
                      </div>
                    </div>
                    <button
                      type="button"
                      className="button danger small"
                      onClick={() => void slots.remove(s.id).catch((e: SandlotError) => setError(e))}
                    >
                      Remove
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
