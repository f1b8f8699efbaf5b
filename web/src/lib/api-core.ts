/**
 * Pure parts of the studio's API client: turning a response into data or an ApiError whose
 * message can be shown to the person as-is. No DOM, no fetch (tested in Node).
 */

export interface Problem {
  file: string;
  line: number;
  column?: number;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Publish failures (422) carry build problems. */
  readonly problems: Problem[];
  /** A stale save (409 `conflict`) names the blanks changed elsewhere. */
  readonly blanks: string[];
  constructor(status: number, code: string, message: string, problems: Problem[] = [], blanks: string[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.problems = problems;
    this.blanks = blanks;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const GENERIC: Record<number, string> = {
  400: "That request was not accepted.",
  401: "Please sign in again.",
  403: "You are not allowed to do that.",
  404: "Not found.",
  409: "That conflicts with something that already exists.",
  413: "That is too large.",
  422: "That could not be processed.",
  429: "Too many attempts. Wait a moment and try again.",
};

function genericMessage(status: number): string {
  if (GENERIC[status]) return GENERIC[status];
  if (status >= 500) return "Sandlot had a problem answering. Try again in a moment.";
  return `The request failed (HTTP ${status}).`;
}

/** Problems as the server sends them; anything malformed is dropped, strings are capped. */
export function parseProblems(raw: unknown): Problem[] {
  if (!Array.isArray(raw)) return [];
  const out: Problem[] = [];
  for (const p of raw) {
    if (!isRecord(p)) continue;
    const file = typeof p.file === "string" ? p.file.slice(0, 300) : "";
    const line = typeof p.line === "number" && Number.isFinite(p.line) ? Math.max(1, Math.floor(p.line)) : 1;
    const message = typeof p.message === "string" ? p.message.slice(0, 2000) : "";
    if (!message) continue;
    const problem: Problem = { file, line, message };
    if (typeof p.column === "number" && Number.isFinite(p.column)) problem.column = Math.max(1, Math.floor(p.column));
    out.push(problem);
  }
  return out.slice(0, 200);
}

/** Build the error for a non-2xx response from its status and raw text. */
export function errorFromResponse(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  let code = `http_${status}`;
  let message = genericMessage(status);
  let problems: Problem[] = [];
  let blanks: string[] = [];
  // The platform's one error handler answers {error: {code, message, requestId?, problems?}}; a
  // body that is not JSON (a proxy's page, a dropped connection) keeps the generic message.
  if (isRecord(body) && isRecord(body.error)) {
    const err = body.error;
    if (typeof err.code === "string" && err.code) code = err.code.slice(0, 100);
    if (typeof err.message === "string" && err.message) message = err.message.slice(0, 2000);
    problems = parseProblems(err.problems);
    if (Array.isArray(err.blanks))
      blanks = err.blanks
        .filter((b): b is string => typeof b === "string")
        .map((b) => b.slice(0, 300))
        .slice(0, 200);
  }
  return new ApiError(status, code, message, problems, blanks);
}

/** Parse a 2xx body: JSON when there is one, else null (204). */
export function parseOk(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(502, "bad_response", "Sandlot sent an answer the studio could not read.");
  }
}
