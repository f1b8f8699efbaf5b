import { useState, type FormEvent, type ReactNode } from "react";
import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { placesLeft, when, type EventItem } from "../lib/events";

/**
 * The organiser's page (locked). Only the app's creator may add, change or remove events (rule
 * `creator`); the server refuses anyone else with 403, which this page shows.
 */
export function ManagePage(): ReactNode {
  const { user, loading } = useUser();
  const events = useCollection("events", { limit: 100, sort: "-startsAt" });
  const [error, setError] = useState<SandlotError | null>(null);
  if (loading)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/manage" intro="Sign in with your creator account to manage events." />
      </div>
    );
  const items = events.items as unknown as EventItem[];
  return (
    <div className="container stack">
      <h1>Manage events</h1>
      <p className="muted">For the organiser. Each event's list of tickets is where the door checks codes.</p>
      <AddEvent create={events.create} />
      <ErrorNote error={error} />
      {events.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>No events yet. Add your first above.</Empty>
      ) : (
        <ul className="event-admin">
          {items.map((e) => (
            <li key={e.id} className="card spread">
              <div>
                <strong>{e.title}</strong>
                <div className="muted small">
                  {when(e.startsAt)} · {e.paidTickets ? "paid tickets" : "free RSVP"} · {e.taken ?? 0} of {e.capacity}{" "}
                  taken, {placesLeft(e)} left
                </div>
              </div>
              <div className="row">
                <Link to={`/manage/${e.id}`} className="button small">
                  Tickets and door
                </Link>
                <button
                  type="button"
                  className="button danger small"
                  onClick={() => {
                    if (window.confirm(`Remove “${e.title}”? Its tickets stay in the list.`))
                      void events.remove(e.id).catch((err: SandlotError) => setError(err));
                  }}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface NewEvent {
  title: string;
  startsAt: string;
  capacity: number;
  paidTickets: boolean;
  place?: string;
  details?: string;
}

function AddEvent(props: { create: (data: NewEvent) => Promise<unknown> }): ReactNode {
  const [title, setTitle] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [place, setPlace] = useState("");
  const [details, setDetails] = useState("");
  const [capacity, setCapacity] = useState(20);
  const [paidTickets, setPaidTickets] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.create({
        title: title.trim(),
        startsAt: new Date(startsAt).toISOString(),
        capacity,
        paidTickets,
        ...(place.trim() ? { place: place.trim() } : {}),
        ...(details.trim() ? { details: details.trim() } : {}),
      });
      setTitle("");
      setPlace("");
      setDetails("");
    } catch (err) {
      setError(err as SandlotError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="card stack" onSubmit={add} aria-label="Add an event">
      <div className="row">
        <label className="field grow">
          <span>Title</span>
          <input type="text" required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          <span>Starts</span>
          <input type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </label>
        <label className="field">
          <span>Places</span>
          <input
            type="number"
            min={1}
            max={5000}
            required
            value={capacity}
            onChange={(e) => setCapacity(Number(e.target.value))}
          />
        </label>
      </div>
      <label className="field">
        <span>
          Where <small className="muted">(optional)</small>
        </span>
        <input type="text" maxLength={200} value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <label className="field">
        <span>
          Details <small className="muted">(optional)</small>
        </span>
        <textarea rows={3} maxLength={4000} value={details} onChange={(e) => setDetails(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={paidTickets} onChange={(e) => setPaidTickets(e.target.checked)} />
        <span>Paid tickets (the ticket price is set in the template, see the Ticket price blank)</span>
      </label>
      <ErrorNote error={error} />
      <p>
        <button className="button primary" type="submit" disabled={busy}>
          Add event
        </button>
      </p>
    </form>
  );
}
