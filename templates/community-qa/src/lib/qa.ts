import type { SandlotError } from "@sandlot/sdk";

/** Shapes of the three collections (see template.json). `ownerId` is present only for its owner and the creator. */
export interface Question {
  id: string;
  ownerId?: string;
  title: string;
  body?: string;
  acceptedAnswerId?: string;
  hidden?: boolean;
  createdAt: number;
}

export interface Answer {
  id: string;
  ownerId?: string;
  questionId: string;
  body: string;
  hidden?: boolean;
  votes: number;
  createdAt: number;
}

export interface Vote {
  id: string;
  answerId: string;
  questionId: string;
}

/**
 * Accepted answer first, then most votes, then oldest. Sorted here because the list API cannot
 * sort by a count; a question holds at most 100 answers (capacity), so one page has them all.
 */
export function rankAnswers(answers: readonly Answer[], acceptedId: string | undefined): Answer[] {
  return [...answers].sort(
    (a, b) =>
      Number(b.id === acceptedId) - Number(a.id === acceptedId) ||
      (b.votes ?? 0) - (a.votes ?? 0) ||
      a.createdAt - b.createdAt,
  );
}

export function ago(ms: number, now = Date.now()): string {
  const minutes = Math.round((now - ms) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(ms).toLocaleDateString(undefined, { month: "short", day: "numeric", year: "numeric" });
}

/** The server's refusal, worded for this board (the server's own sentence where it is already specific). */
export function explain(err: SandlotError, what: "question" | "answer" | "vote" | "change"): SandlotError {
  const say = (message: string): SandlotError => Object.assign(err, { message });
  if (err.status === 401) return say("Please sign in first.");
  if (err.status === 403) return say("You are not allowed to do that here.");
  if (err.status === 404) return say("This was removed or hidden by a moderator.");
  if (err.status === 409 && what === "vote") return say("You already voted for this answer.");
  if (err.status === 409) return say("This question has reached its limit of 100 answers.");
  if (err.code === "unknown_reference") return say("That question or answer is no longer available.");
  return err;
}
