import { useState } from "react";
import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { Empty, ErrorNote, Loading, navigate } from "@sandlot/kit";
import { byDay, type Booking, type Slot } from "../lib/slots";
import Intro from "../blanks/Intro";
import SlotCard from "../blanks/SlotCard";

/**
 * Available times (locked). Slots are public. Booking is one create in `bookings`; the server
 * keeps `slotId` unique, so when two people race for one slot the second gets 409 and the
 * per-plan booking limit answers 403/429 with its own message — both shown here as they come.
 */
export function BookPage() {
  const { user, loading: userLoading } = useUser();
  const slots = useCollection("slots", { limit: 100 });
  const bookings = useCollection("bookings", { limit: 100 });
  const [pending, setPending] = useState<Slot | null>(null);
  const [name, setName] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<SandlotError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = new Set(
    (user ? (bookings.items as unknown as Array<Booking & { ownerId: string }>) : [])
      .filter((b) => b.ownerId === user?.id)
      .map((b) => b.slotId),
  );

  async function confirm(): Promise<void> {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      await bookings.create({ slotId: pending.id, name: name.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
      setDone("You're booked. We've saved it under My bookings.");
      setPending(null);
      setNote("");
    } catch (e) {
      const err = e as SandlotError;
      setError(
        err.status === 409
          ? Object.assign(err, { message: "Someone just booked this time. Please pick another." })
          : err,
      );
    } finally {
      setBusy(false);
    }
  }

  const groups = byDay(slots.items as unknown as Slot[]);
  // Until we know who is asking and what they booked, a time they already hold would look free.
  const mineUnknown = userLoading || (user !== null && bookings.loading && bookings.items.length === 0);
  return (
    <div className="container">
      <Intro />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <ErrorNote error={slots.error} />
      {(slots.loading && slots.items.length === 0) || mineUnknown ? (
        <Loading label="Finding open times…" />
      ) : groups.length === 0 ? (
        <Empty>No open times right now. Check back soon.</Empty>
      ) : (
        groups.map((g) => (
          <section key={g.day} className="day" aria-label={g.day}>
            <h2>{g.day}</h2>
            <div className="slot-grid">
              {g.slots.map((s) => (
                <SlotCard
                  key={s.id}
                  slot={s}
                  bookedByMe={mine.has(s.id)}
                  selected={pending?.id === s.id}
                  onSelect={() => {
                    if (!user) return navigate("/signin");
                    setPending(s);
                    setError(null);
                    setDone(null);
                  }}
                />
              ))}
            </div>
          </section>
        ))
      )}
      {slots.hasMore && (
        <p className="center">
          <button type="button" className="button" onClick={() => void slots.loadMore()}>
            More times
          </button>
        </p>
      )}
      {pending && (
        <div className="sheet" role="dialog" aria-modal="false" aria-labelledby="confirm-title">
          <div className="card container narrow">
            <h2 id="confirm-title">Confirm your booking</h2>
            <p className="muted">
              {new Date(pending.startsAt).toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" })} ·{" "}
              {pending.durationMinutes} min
            </p>
            <label className="field">
              <span>Your name</span>
              <input
                type="text"
                required
                maxLength={120}
                value={name}
                onChange={(e) => setName(e.target.value)}
                // biome-ignore lint/a11y/noAutofocus: the field appears because the person just chose a time
                autoFocus
              />
            </label>
            <label className="field">
              <span>
                Anything we should know? <small className="muted">(optional)</small>
              </span>
              <textarea rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            <ErrorNote error={error} />
            <div className="row">
              <button
                type="button"
                className="button primary"
                onClick={() => void confirm()}
                disabled={busy || name.trim() === ""}
              >
                {busy ? "Booking…" : "Book this time"}
              </button>
              <button type="button" className="button" onClick={() => setPending(null)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
