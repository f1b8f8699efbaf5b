import type { ReactNode } from "react";
import { useCollection, useUser } from "@sandlot/sdk";
import { AuthScreen, Empty, ErrorNote, Link, Loading } from "@sandlot/kit";
import { STATE_LABEL, ticketState, when, type EventItem, type Ticket } from "../lib/events";

/** Your tickets and RSVPs (locked): the server narrows the list to your own (`owner`). */
export function MyTicketsPage(): ReactNode {
  const { user, loading } = useUser();
  const tickets = useCollection("tickets", { where: { ownerId: "@me" }, sort: "-createdAt", limit: 100 });
  const events = useCollection("events", { limit: 100 });
  if (loading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!user)
    return (
      <div className="container">
        <AuthScreen mode="signin" next="/tickets" />
      </div>
    );
  const byId = new Map((events.items as unknown as EventItem[]).map((e) => [e.id, e]));
  const items = tickets.items as unknown as Ticket[];
  return (
    <div className="container narrow stack">
      <h1>My tickets</h1>
      <ErrorNote error={tickets.error} />
      {tickets.loading && items.length === 0 ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty>
          No tickets yet. <Link to="/">See upcoming events</Link>.
        </Empty>
      ) : (
        <ul className="ticket-list">
          {items.map((t) => {
            const e = byId.get(t.eventId);
            return (
              <li key={t.id}>
                <Link to={`/t/${t.id}`} className="card spread ticket-row">
                  <span>
                    <strong>{e?.title ?? "An event"}</strong>
                    <span className="muted small block">{e ? when(e.startsAt) : ""}</span>
                  </span>
                  <span className="badge">{STATE_LABEL[ticketState(t, e)]}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
