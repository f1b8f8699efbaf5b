/**
 * Reads the assistant's answer: the AI SDK UI message stream (server-sent events, one JSON chunk
 * per `data:` line, header `x-vercel-ai-ui-message-stream: v1`). A small reader of our own keeps
 * the SDK out of the studio bundle; only the chunk types the studio shows are interpreted.
 */

export interface StreamProblem {
  file: string;
  line: number;
  message: string;
  code: string;
}

export interface ProposalData {
  proposalId: string;
  files: Record<string, string>;
  rounds: number;
  problems: StreamProblem[];
}

export type TurnEvent =
  | { type: "text"; delta: string }
  | { type: "text-start" }
  | { type: "writing"; path: string | null }
  | { type: "tool-result"; output: string }
  | { type: "building" }
  | { type: "repair"; round: number; problems: StreamProblem[] }
  | { type: "proposal"; proposal: ProposalData }
  | { type: "notice"; message: string }
  | { type: "usage"; tokens: number }
  | { type: "error"; message: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/** One parsed chunk as the studio sees it, or null for chunks it does not show. */
export function eventOf(chunk: unknown): TurnEvent | null {
  if (!isRecord(chunk) || typeof chunk.type !== "string") return null;
  const data = isRecord(chunk.data) ? chunk.data : {};
  switch (chunk.type) {
    case "text-start":
      return { type: "text-start" };
    case "text-delta":
      return typeof chunk.delta === "string" ? { type: "text", delta: chunk.delta } : null;
    case "tool-input-available": {
      const input = isRecord(chunk.input) ? chunk.input : {};
      return chunk.toolName === "write_blank"
        ? { type: "writing", path: typeof input.path === "string" ? input.path : null }
        : null;
    }
    case "tool-output-available":
      return typeof chunk.output === "string" ? { type: "tool-result", output: chunk.output } : null;
    case "data-build":
      return { type: "building" };
    case "data-repair":
      return {
        type: "repair",
        round: Number(data.round) || 0,
        problems: Array.isArray(data.problems) ? (data.problems as StreamProblem[]) : [],
      };
    case "data-proposal":
      return typeof data.proposalId === "string" && isRecord(data.files)
        ? {
            type: "proposal",
            proposal: {
              proposalId: data.proposalId,
              files: data.files as Record<string, string>,
              rounds: Number(data.rounds) || 0,
              problems: [],
            },
          }
        : null;
    case "data-notice":
      return typeof data.message === "string" ? { type: "notice", message: data.message } : null;
    case "data-usage":
      return { type: "usage", tokens: Number(data.tokens) || 0 };
    case "error":
      return {
        type: "error",
        message: typeof chunk.errorText === "string" ? chunk.errorText : "The assistant failed.",
      };
    default:
      return null;
  }
}

/** Splits an event-stream text into complete `data:` payloads, returning what is left over. */
export function splitEvents(buffer: string): { payloads: string[]; rest: string } {
  const payloads: string[] = [];
  const events = buffer.split("\n\n");
  const rest = events.pop() ?? "";
  for (const event of events) {
    for (const line of event.split("\n")) if (line.startsWith("data: ")) payloads.push(line.slice(6));
  }
  return { payloads, rest };
}

export async function readTurn(res: Response, onEvent: (e: TurnEvent) => void): Promise<void> {
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const { payloads, rest } = splitEvents(buffer);
    buffer = rest;
    for (const payload of payloads) {
      if (payload === "[DONE]") continue;
      let chunk: unknown;
      try {
        chunk = JSON.parse(payload);
      } catch {
        continue;
      }
      const event = eventOf(chunk);
      if (event) onEvent(event);
    }
  }
}
