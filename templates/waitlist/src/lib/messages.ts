import type { SandlotError } from "@sandlot/sdk";

/** The server's refusal of a join, in words that tell the person what to do next. */
export function joinError(e: SandlotError): SandlotError {
  const say = (message: string): SandlotError => Object.assign(e, { message });
  if (e.code === "email_unverified")
    return say("Your email is not confirmed yet. Open the link we sent you (check spam), then press Join again.");
  // One entry per person is the collection's per-user limit (maxDocumentsPerUser: 1).
  if (e.code === "quota_exceeded") return say("You are already on the list.");
  if (e.status === 401) return say("Please sign in again, then press Join.");
  if (e.status === 429) return say("Too many tries just now. Wait a minute and try again.");
  return e;
}
