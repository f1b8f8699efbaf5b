/**
 * Event card (blank): one event in the list. Props: event {title, startsAt (ISO), place?,
 * paidTickets?}, placesLeft, href. Render one link to href.
 */
export default function EventCard(props: {
  event: { title: string; startsAt: string; place?: string; paidTickets?: boolean };
  placesLeft: number;
  href: string;
}) {
  const { event } = props;
  const date = new Date(event.startsAt);
  return (
    <a className="card event-card" href={props.href}>
      <span className="event-date" aria-hidden="true">
        <span>{date.toLocaleDateString(undefined, { month: "short" })}</span>
        <strong>{date.getDate()}</strong>
      </span>
      <span className="event-text">
        <strong className="event-title">{event.title}</strong>
        <span className="muted small">
          {date.toLocaleString(undefined, { weekday: "long", hour: "numeric", minute: "2-digit" })}
          {event.place ? ` · ${event.place}` : ""}
        </span>
        <span className="small">
          {event.paidTickets ? "Ticket" : "Free, RSVP"} ·{" "}
          {props.placesLeft === 0
            ? "Sold out"
            : `${props.placesLeft} ${props.placesLeft === 1 ? "place" : "places"} left`}
        </span>
      </span>
    </a>
  );
}
