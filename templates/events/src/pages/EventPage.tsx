import { useState, type ReactNode } from "react";
import { useCollection, useDoc, useUser, type SandlotError } from "@sandlot/sdk";
import { AuthScreen, ErrorNote, Link, Loading, NotFound, navigate } from "@sandlot/kit";
import { placesLeft, when, type EventItem, type Ticket } from "../lib/events";
import { ticketError } from "../lib/errors";
import { payForTicket } from "../lib/pay";
import TicketPrice from "../blanks/TicketPrice";

/**
 * One event (locked): details, places left, and the ticket request. The request is one create in
 * `tickets`; the server holds the limits: never more tickets than the event's `capacity` (409
 * `capacity_reached`, atomic in the app's Durable Object), one per person per event (409
 * `unique_violation`). A paid event's ticket then goes to Checkout; it holds its place meanwhile.
 */
export function EventPage(props: { id: string }): ReactNode {
  const { user } = useUser();
  const event = useDoc("events", props.id);
  const tickets = useCollection("tickets", { where: { eventId: props.id }, limit: 100 });
  if (event.loading && !event.item)
    return (
      <div className="container">
        <Loading />
      </div>
    );
  if (!event.item) return <NotFound homeLabel="See upcoming events" />;
  const e = event.item as unknown as EventItem;
  // The creator may list everyone's tickets for this event; this page is about the caller's own.
  const mine = user
    ? (tickets.items as unknown as Ticket[]).find((t) => t.ownerId === user.id && t.eventId === e.id)
    : undefined;
  const left = placesLeft(e);
  return (
    <div className="container narrow stack">
      <p>
        <Link to="/">← All events</Link>
      </p>
      <article className="card stack" aria-labelledby="event-title">
        <h1 id="event-title">{e.title}</h1>
        <p className="muted">
          {when(e.startsAt)}
          {e.place ? ` · ${e.place}` : ""}
        </p>
        {e.details && <p className="event-details">{e.details}</p>}
        <p>
          <span className="badge">{e.paidTickets ? "Ticket" : "Free, RSVP"}</span>{" "}
          <span aria-live="polite">{left === 0 ? "Sold out" : `${left} of ${e.capacity} places left`}</span>
        </p>
      </article>
      {mine ? (
        <HaveTicket ticket={mine} event={e} />
      ) : user && tickets.loading && tickets.items.length === 0 ? (
        <Loading label="Checking your tickets…" />
      ) : (
        <RequestTicket event={e} signedIn={user !== null} create={tickets.create} />
      )}
    </div>
  );
}

function HaveTicket(props: { ticket: Ticket; event: EventItem }): ReactNode {
  const unpaid = props.event.paidTickets === true && props.ticket.paid !== true;
  return (
    <section className="card stack" aria-label="Your ticket">
      <strong>{unpaid ? "Your place is held, but not paid yet." : "You're going."}</strong>
      <p>
        <Link to={`/t/${props.ticket.id}`} className="button primary">
          {unpaid ? "Open your ticket to pay" : "Show my ticket"}
        </Link>
      </p>
    </section>
  );
}

interface RequestProps {
  event: EventItem;
  signedIn: boolean;
  create: (data: { eventId: string; name: string }) => Promise<unknown>;
}

function RequestTicket(props: RequestProps): ReactNode {
  const [asking, setAsking] = useState(false);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SandlotError | null>(null);
  const paid = props.event.paidTickets === true;
  const action = paid ? "Buy a ticket" : "RSVP";
  if (placesLeft(props.event) === 0 && !asking)
    return <p className="notice">Sold out: every place is taken. Places come back when someone cancels.</p>;
  if (!asking)
    return (
      <section className="card stack" aria-label={action}>
        {paid && <TicketPrice />}
        <p>
          <button type="button" className="button primary" onClick={() => setAsking(true)}>
            {action}
          </button>
        </p>
      </section>
    );
  if (!props.signedIn)
    return (
      <AuthScreen
        mode="signup"
        next={`/e/${props.event.id}`}
        intro={`Create an account to ${paid ? "buy your ticket" : "RSVP"}; your ticket lives in it.`}
      />
    );

  async function request(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const made = (await props.create({ eventId: props.event.id, name: name.trim() })) as Ticket | null;
      if (!made) return;
      if (paid) await payForTicket(made.id);
      else navigate(`/t/${made.id}`);
    } catch (e) {
      setError(ticketError(e as SandlotError));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card stack"
      aria-label={action}
      onSubmit={(e) => {
        e.preventDefault();
        void request();
      }}
    >
      {paid && <TicketPrice />}
      <label className="field">
        <span>Name on the ticket</span>
        <input
          type="text"
          required
          maxLength={120}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the field appears because the person just asked for a ticket
          autoFocus
        />
      </label>
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="button primary" disabled={busy || name.trim() === ""}>
          {busy ? "One moment…" : paid ? "Hold my place and pay" : "Confirm RSVP"}
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
      {paid && (
        <p className="muted small">
          Your place is held while you pay. If you leave without paying, release it from your ticket page.
        </p>
      )}
    </form>
  );
}
