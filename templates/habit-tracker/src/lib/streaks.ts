/**
 * Streaks, computed in the app from the check-in days the server stores (`YYYY-MM-DD`, one per
 * habit and day: the server keeps them unique). Days are calendar dates, so arithmetic runs on
 * UTC midnights to stay clear of daylight-saving shifts.
 */

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return Math.round(Date.UTC(y ?? Number.NaN, (m ?? Number.NaN) - 1, d ?? Number.NaN) / DAY_MS);
}

/** The calendar day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** Today in the person's own time zone, as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Distinct valid days, oldest first. */
function distinctDays(days: readonly string[]): number[] {
  return [...new Set(days.filter((d) => DATE.test(d)).map(dayNumber))].filter(Number.isFinite).sort((a, b) => a - b);
}

/**
 * Days in a row up to today. A streak still counts when today is not ticked yet (it ends
 * yesterday): the day is not over. Days after today (a clock set wrong) are ignored.
 */
export function currentStreak(days: readonly string[], today: string): number {
  const t = dayNumber(today);
  const set = new Set(distinctDays(days).filter((d) => d <= t));
  let end = set.has(t) ? t : t - 1;
  let n = 0;
  while (set.has(end)) {
    n++;
    end--;
  }
  return n;
}

/** The longest run of consecutive days ever. */
export function longestStreak(days: readonly string[]): number {
  let best = 0;
  let run = 0;
  let prev: number | null = null;
  for (const d of distinctDays(days)) {
    run = prev !== null && d === prev + 1 ? run + 1 : 1;
    best = Math.max(best, run);
    prev = d;
  }
  return best;
}

/** The last seven days, oldest first, today last: was each one ticked? */
export function lastWeek(days: readonly string[], today: string): boolean[] {
  const set = new Set(days);
  return Array.from({ length: 7 }, (_, i) => set.has(addDays(today, i - 6)));
}
