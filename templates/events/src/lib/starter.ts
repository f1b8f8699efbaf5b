import type { EventItem } from "./events";

const inDays = (days: number, hour: number): string => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  return d.toISOString();
};

/**
 * Sample events the list shows until the creator adds a real one, so a new app (and its preview)
 * looks like an events page from the first minute. They live only in the page: nothing here is
 * stored, nobody can book them, and they disappear as soon as the server lists one event.
 */
export function starterEvents(): EventItem[] {
  return [
    {
      id: "sample-1",
      title: "Supper club: autumn menu",
      startsAt: inDays(9, 19),
      place: "The Old Bakery",
      capacity: 24,
      paidTickets: true,
      taken: 17,
    },
    {
      id: "sample-2",
      title: "Listening night: jazz on vinyl",
      startsAt: inDays(16, 20),
      place: "Room upstairs",
      capacity: 40,
      taken: 12,
    },
    {
      id: "sample-3",
      title: "Bread-making workshop",
      startsAt: inDays(23, 10),
      place: "The Old Bakery",
      capacity: 10,
      paidTickets: true,
      taken: 10,
    },
  ];
}
