import type { SandlotError } from "@sandlot/sdk";

/** A refused write, in words that say what to do next. */
export function friendly(e: SandlotError, what: "habit" | "checkin"): SandlotError {
  const say = (message: string): SandlotError => Object.assign(e, { message });
  if (e.code === "quota_exceeded")
    return say(
      what === "habit"
        ? "The free plan holds 3 habits. Remove one, or go Pro for up to 30."
        : "You have reached the check-in limit of your plan. Go Pro to keep tracking.",
    );
  if (e.status === 409) return say("Already ticked for today.");
  if (e.status === 401) return say("Please sign in again.");
  if (e.status === 404 || e.code === "unknown_reference") return say("That habit was removed. Reload the page.");
  if (e.status === 429) return say("Too many changes at once. Wait a moment and try again.");
  return e;
}
