/** Shapes of the two collections (see template.json) and the small sums the pages share. */
export interface EventItem {
  id: string;
  title: string;
  startsAt: string;
  place?: string;
  details?: string;
  capacity: number;
  paidTickets?: boolean;
  /** Kept by the server (`counts`): tickets and RSVPs that hold a place, paid or not. */
  readonly taken: number;
}

export interface Ticket {
  id: string;
  eventId: string;
  name: string;
  paid?: boolean;
  checkedIn?: boolean;
  ownerId?: string;
  createdAt: number;
}

export function placesLeft(event: EventItem): number {
  return Math.max(0, event.capacity - (event.taken ?? 0));
}

export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" });
}

/** Upcoming first (soonest at the top); past events after `now` are left out. */
export function upcoming(events: EventItem[], now = Date.now()): EventItem[] {
  return events
    .filter((e) => new Date(e.startsAt).getTime() > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/**
 * The code shown at the door is the ticket's id in capitals (easier to read out). The door page
 * turns it back into the id and asks the server, which is what decides.
 */
export function ticketCode(id: string): string {
  return id.toUpperCase();
}

export function idFromCode(code: string): string {
  return code.trim().toLowerCase();
}

export type TicketState = "valid" | "unpaid" | "used";

/** What the door sees: a paid event needs a ticket the payment webhook marked paid. */
export function ticketState(ticket: Ticket, event: EventItem | undefined): TicketState {
  if (ticket.checkedIn) return "used";
  if (event?.paidTickets && !ticket.paid) return "unpaid";
  return "valid";
}

export const STATE_LABEL: Record<TicketState, string> = {
  valid: "Valid ticket",
  unpaid: "Not paid yet",
  used: "Already checked in",
};
