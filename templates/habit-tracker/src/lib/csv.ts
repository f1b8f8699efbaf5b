/** The history download: one row per check-in, newest first, as a spreadsheet opens it. */

export interface HabitName {
  id: string;
  name: string;
}

export interface CheckinDay {
  habitId: string;
  day: string;
}

/** A quoted cell; one a spreadsheet would run as a formula starts with ' instead. */
function cell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function historyCsv(habits: readonly HabitName[], checkins: readonly CheckinDay[]): string {
  const names = new Map(habits.map((h) => [h.id, h.name]));
  const rows = [...checkins]
    .sort((a, b) => b.day.localeCompare(a.day))
    .map((c) => `${c.day},${cell(names.get(c.habitId) ?? "(removed habit)")}`);
  return `${["day,habit", ...rows].join("\r\n")}\r\n`;
}
