import { useState, type ReactNode } from "react";
import { useCollection, useDoc, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { idFromCode, STATE_LABEL, ticketCode, ticketState, type EventItem, type Ticket } from "../lib/events";

/**
 * Tickets of one event and the door check (locked). The creator's `list`/`read` rule shows every
 * ticket; anyone else sees at most their own, so the page says it is the organiser's. A code is
 * looked up on the server, and "Check in" is an update only the creator may make (`checkedIn`).
 */
export function DoorPage(props: { eventId: string }): ReactNode {
  const { user, isCreator, loading } = useUser();
  const event = useDoc("events", props.eventId);
  const tickets = useCollection("tickets", { where: { eventId: props.eventId }, limit: 100 });
  const [error, setError] = useState<SandlotError | null>(null);
  if (loading || (event.loading && !event.item))
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next={`/manage/${props.eventId}`} intro="Sign in with your creator account." />
      </div>
    );
  const e = event.item as unknown as EventItem | null;
  if (!isCreator || !e)
    return (
      <div className="container narrow stack">
        <h1>For the organiser</h1>
        <p>{e ? "Only the organiser of these events can see who has a ticket." : "This event does not exist."}</p>
        <Link to="/">See upcoming events</Link>
      </div>
    );
  const items = tickets.items as unknown as Ticket[];
  const checkIn = (t: Ticket): void =>
    void tickets.update(t.id, { checkedIn: true }).catch((err: SandlotError) => setError(err));
  return (
    <div className="container stack">
      <p>
        <Link to="/manage">← Manage events</Link>
      </p>
      <h1>{e.title}</h1>
      <p className="muted">
        {e.taken ?? 0} of {e.capacity} places taken
      </p>
      <CodeCheck event={e} onCheckIn={checkIn} />
      <ErrorNote error={error ?? tickets.error} />
      <h2>Tickets</h2>
      {tickets.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>No tickets yet.</Empty>
      ) : (
        <ul className="ticket-list" aria-label="Tickets">
          {items.map((t) => {
            const state = ticketState(t, e);
            return (
              <li key={t.id} className="card spread">
                <span>
                  <strong>{t.name}</strong>
                  <code className="block small">{ticketCode(t.id)}</code>
                </span>
                <span className="row">
                  <span className={`badge state-${state}`}>{STATE_LABEL[state]}</span>
                  {state === "valid" && (
                    <button type="button" className="button small" onClick={() => checkIn(t)}>
                      Check in
                    </button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {tickets.hasMore && (
        <button type="button" className="button" onClick={() => void tickets.loadMore()}>
          More tickets
        </button>
      )}
    </div>
  );
}

function CodeCheck(props: { event: EventItem; onCheckIn: (t: Ticket) => void }): ReactNode {
  const [code, setCode] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const found = useDoc("tickets", asked);
  const t = found.item as unknown as Ticket | null;
  const belongs = t !== null && t.eventId === props.event.id;
  const state = belongs && t ? ticketState(t, props.event) : null;
  return (
    <form
      className="card stack"
      aria-label="Check a code"
      onSubmit={(e) => {
        e.preventDefault();
        setAsked(idFromCode(code) || null);
      }}
    >
      <div className="row">
        <label className="field grow">
          <span>Ticket code</span>
          <input type="text" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </label>
        <button type="submit" className="button primary">
          Check
        </button>
      </div>
      {asked !== null && found.loading && <Loading label="Checking…" />}
      {asked !== null && !found.loading && (
        <div role="status" className={`door-answer state-${state ?? "none"}`}>
          {t && state ? (
            <span className="spread">
              <span>
                <strong>{STATE_LABEL[state]}</strong> · {t.name}
              </span>
              {state === "valid" && (
                <button type="button" className="button small" onClick={() => props.onCheckIn(t)}>
                  Check in
                </button>
              )}
            </span>
          ) : (
            <strong>No ticket for this event has that code.</strong>
          )}
        </div>
      )}
    </form>
  );
}
