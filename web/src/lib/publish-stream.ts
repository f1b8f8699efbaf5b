/**
 * Reading `POST /api/apps/:slug/publish` as NDJSON (Accept: application/x-ndjson): phases as they
 * happen, then the result or an error. The line parser is pure (tested in Node); `publishWithPhases`
 * does the fetch.
 */
import { ApiError, errorFromResponse } from "./api-core";

export type Phase = "saving" | "building" | "checking" | "uploading" | "live";
export const PHASES: readonly Phase[] = ["saving", "building", "checking", "uploading", "live"];

export interface PhaseState {
  phase: Phase;
  state: "waiting" | "running" | "done" | "failed";
  ms?: number;
}

export type StreamLine =
  | { type: "phase"; phase: Phase; state: "start" | "done"; ms?: number }
  | { type: "result"; status: number; body: { version: number; url: string; bytes: number } }
  | { type: "error"; status: number; error: unknown };

/** Splits a chunked body into complete lines; returns the lines and what is left over. */
export function splitLines(buffer: string): { lines: string[]; rest: string } {
  const parts = buffer.split("\n");
  const rest = parts.pop() ?? "";
  return { lines: parts.filter((l) => l.trim() !== ""), rest };
}

export function parseLine(line: string): StreamLine | null {
  try {
    const v = JSON.parse(line) as { type?: unknown; phase?: unknown; state?: unknown };
    if (v.type === "phase" && PHASES.includes(v.phase as Phase) && (v.state === "start" || v.state === "done"))
      return v as StreamLine;
    if (v.type === "result" || v.type === "error") return v as StreamLine;
    return null;
  } catch {
    return null;
  }
}

/** The list the studio shows, after one more line. */
export function applyPhase(states: PhaseState[], line: Extract<StreamLine, { type: "phase" }>): PhaseState[] {
  return states.map((s) => {
    if (s.phase !== line.phase) return s;
    const next: PhaseState = { phase: s.phase, state: line.state === "start" ? "running" : "done" };
    if (line.ms !== undefined) next.ms = line.ms;
    return next;
  });
}

export function initialPhases(): PhaseState[] {
  return PHASES.map((phase) => ({ phase, state: "waiting" }));
}

/** Marks the running phase failed (the stream ended with an error). */
export function failRunning(states: PhaseState[]): PhaseState[] {
  return states.map((s) => (s.state === "running" ? { ...s, state: "failed" } : s));
}

export async function publishWithPhases(
  slug: string,
  onLine: (line: Extract<StreamLine, { type: "phase" }>) => void,
): Promise<{ version: number; url: string; bytes: number }> {
  let res: Response;
  try {
    res = await fetch(`/api/apps/${encodeURIComponent(slug)}/publish`, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/x-ndjson" },
    });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Sandlot. Check your connection and try again.");
  }
  if (!res.ok || !res.body) throw errorFromResponse(res.status, await res.text().catch(() => ""));
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    const { lines, rest } = splitLines(done ? `${buffer}\n` : buffer);
    buffer = rest;
    for (const raw of lines) {
      const line = parseLine(raw);
      if (!line) continue;
      if (line.type === "phase") onLine(line);
      else if (line.type === "result") return line.body;
      else throw errorFromResponse(line.status, JSON.stringify(line));
    }
    if (done) break;
  }
  throw new ApiError(0, "publish_interrupted", "The publish stopped answering. Check Versions to see if it went live.");
}
