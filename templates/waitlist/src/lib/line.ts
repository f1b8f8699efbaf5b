/**
 * Who is where in line. The server keeps the facts (when each entry joined, and `referrals`, the
 * number of entries naming it in `referredBy`); the order is computed here from them, so it is
 * what this page shows, not something the server enforces: the creator decides who gets in.
 */

/** One entry as every visitor may read it (template.json hides the owner, name and referrer). */
export interface LineEntry {
  id: string;
  createdAt: number;
  referrals: number;
  ownerId?: string;
  name?: string;
  referredBy?: string;
}

/** Places one confirmed referral moves its referrer up. */
export const REFERRAL_BOOST = 3;

/**
 * The line, first place first: each entry starts at its place by join time and moves up
 * REFERRAL_BOOST places per referral; ties keep the earlier joiner ahead.
 */
export function lineOrder<T extends LineEntry>(entries: readonly T[]): T[] {
  const byJoin = [...entries].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return byJoin
    .map((entry, place) => ({ entry, place, score: place - REFERRAL_BOOST * Math.max(0, entry.referrals) }))
    .sort((a, b) => a.score - b.score || a.place - b.place)
    .map((s) => s.entry);
}

/** 1-based position of `id` in the line, or null when it is not in it. */
export function positionOf(entries: readonly LineEntry[], id: string): number | null {
  const i = lineOrder(entries).findIndex((e) => e.id === id);
  return i === -1 ? null : i + 1;
}

/** The link a person shares: this page's address with their entry's referral route. */
export function shareLinkFor(entryId: string, location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}#/r/${encodeURIComponent(entryId)}`;
}
