import { useState, type ReactNode } from "react";
import { useDoc, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, ErrorNote, Link, Loading, navigate } from "@sandlot/kit";
import { STATE_LABEL, ticketCode, ticketState, when, type EventItem, type Ticket } from "../lib/events";
import { ticketError } from "../lib/errors";
import { payForTicket } from "../lib/pay";
import DoorNote from "../blanks/DoorNote";

/**
 * A ticket (locked): the code the door checks, the event, and whether it is paid. Only its owner
 * and the creator can read it (another id answers 404, like a missing one). `paid` is set by the
 * verified payment webhook only; an unpaid ticket may be released, a paid one only by the creator.
 */
export function TicketPage(props: { id: string }): ReactNode {
  const { user, loading } = useUser();
  const ticket = useDoc("tickets", user ? props.id : null);
  const t = ticket.item as unknown as Ticket | null;
  const event = useDoc("events", t?.eventId ?? null);
  if (loading || (user && ticket.loading && !t))
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next={`/t/${props.id}`} intro="Sign in to see your ticket." />
      </div>
    );
  if (!t)
    return (
      <div className="container narrow stack">
        <h1>Ticket not found</h1>
        <p>This ticket does not exist or belongs to another account.</p>
        <p>
          <Link to="/tickets">See my tickets</Link>
        </p>
      </div>
    );
  const e = event.item as unknown as EventItem | null;
  const state = ticketState(t, e ?? undefined);
  return (
    <div className="container narrow stack">
      <p>
        <Link to="/tickets">← My tickets</Link>
      </p>
      <article className={`card ticket ticket-${state}`} aria-labelledby="ticket-title">
        <p className="muted small">{e?.paidTickets ? "Ticket" : "RSVP"}</p>
        <h1 id="ticket-title">{e?.title ?? "Event"}</h1>
        {e && (
          <p className="muted">
            {when(e.startsAt)}
            {e.place ? ` · ${e.place}` : ""}
          </p>
        )}
        <p>
          Admits <strong>{t.name}</strong>
        </p>
        <div className="ticket-code">
          <span className="muted small">Code</span>
          <code>{ticketCode(t.id)}</code>
        </div>
        <p className={`ticket-state state-${state}`} role="status">
          {STATE_LABEL[state]}
        </p>
      </article>
      <TicketActions ticket={t} state={state} remove={ticket.remove} />
      <DoorNote />
    </div>
  );
}

function TicketActions(props: { ticket: Ticket; state: string; remove: () => Promise<void> }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  const run = async (fn: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(ticketError(e as SandlotError));
    } finally {
      setBusy(false);
    }
  };
  const release = (): Promise<void> =>
    run(async () => {
      if (!window.confirm("Give up your place at this event?")) return;
      await props.remove();
      navigate("/tickets");
    });
  if (props.state === "used") return null;
  if (props.ticket.paid)
    return <p className="muted small">Can't make it? Write to the organiser; a refund releases your place.</p>;
  return (
    <div className="stack">
      <ErrorNote error={error} />
      <div className="row">
        {props.state === "unpaid" && (
          <button
            type="button"
            className="button primary"
            disabled={busy}
            onClick={() => void run(() => payForTicket(props.ticket.id))}
          >
            Pay for this ticket
          </button>
        )}
        <button type="button" className="button" disabled={busy} onClick={() => void release()}>
          {props.state === "unpaid" ? "Release my place" : "Cancel my RSVP"}
        </button>
      </div>
    </div>
  );
}
