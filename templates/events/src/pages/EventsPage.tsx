import type { ReactNode } from "react";
import { useCollection } from "@sandlot/sdk";
import { Empty, ErrorNote, Loading } from "@sandlot/kit";
import { placesLeft, upcoming, type EventItem } from "../lib/events";
import { starterEvents } from "../lib/starter";
import EventCard from "../blanks/EventCard";
import Intro from "../blanks/Intro";

/**
 * Upcoming events (locked). Events are public; each carries `taken`, the server's count of
 * tickets holding a place, so places left show without anyone listing other people's tickets.
 */
export function EventsPage(): ReactNode {
  const events = useCollection("events", { limit: 100, sort: "startsAt" });
  const items = upcoming(events.items as unknown as EventItem[]);
  return (
    <div className="container">
      <Intro />
      <ErrorNote error={events.error} />
      {events.loading && events.items.length === 0 ? (
        <Loading label="Finding upcoming events…" />
      ) : events.items.length === 0 && events.error === null ? (
        <>
          <p className="notice" role="note">
            Sample events: these show until the first real event is added.
          </p>
          {/* Not links to anything real: a sample has no page and takes no RSVP. */}
          <ul className="event-list" aria-label="Sample events" inert>
            {starterEvents().map((e) => (
              <li key={e.id}>
                <EventCard event={e} placesLeft={placesLeft(e)} href="#/" />
              </li>
            ))}
          </ul>
        </>
      ) : items.length === 0 ? (
        <Empty>No upcoming events yet. Check back soon.</Empty>
      ) : (
        <ul className="event-list" aria-label="Upcoming events">
          {items.map((e) => (
            <li key={e.id}>
              <EventCard event={e} placesLeft={placesLeft(e)} href={`#/e/${encodeURIComponent(e.id)}`} />
            </li>
          ))}
        </ul>
      )}
      {events.hasMore && (
        <p className="center">
          <button type="button" className="button" onClick={() => void events.loadMore()}>
            More events
          </button>
        </p>
      )}
    </div>
  );
}
