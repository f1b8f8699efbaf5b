/** Shapes of the two collections (see template.json). */
export interface Slot {
  id: string;
  startsAt: string;
  durationMinutes: number;
  title?: string;
}

export interface Booking {
  id: string;
  slotId: string;
  name: string;
  note?: string;
  createdAt: number;
}

export function when(slot: Slot): { day: string; time: string } {
  const d = new Date(slot.startsAt);
  return {
    day: d.toLocaleDateString(undefined, { weekday: "long", month: "long", day: "numeric" }),
    time: d.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" }),
  };
}

/** Upcoming slots, soonest first, grouped by calendar day. */
export function byDay(slots: Slot[], now = Date.now()): Array<{ day: string; slots: Slot[] }> {
  const groups = new Map<string, Slot[]>();
  for (const s of [...slots]
    .filter((s) => new Date(s.startsAt).getTime() > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const day = when(s).day;
    groups.set(day, [...(groups.get(day) ?? []), s]);
  }
  return [...groups].map(([day, slots]) => ({ day, slots }));
}
