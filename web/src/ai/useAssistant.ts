import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError, type StudioTypes } from "../lib/api";
import { errorFromResponse } from "../lib/api-core";
import { type ProposalData, readTurn, type StreamProblem } from "./stream";

export type AiStatus = StudioTypes["aiStatus"];
export type AiMessage = StudioTypes["aiMessages"]["messages"][number];

/** The turn being streamed right now. */
export interface LiveTurn {
  message: string;
  text: string;
  writing: string[];
  refused: string[];
  building: boolean;
  repairs: Array<{ round: number; problems: StreamProblem[] }>;
  proposal: ProposalData | null;
  notice: string | null;
  error: string | null;
  state: "streaming" | "done" | "stopped";
}

export interface Assistant {
  status: AiStatus | null;
  statusError: unknown;
  messages: AiMessage[];
  live: LiveTurn | null;
  busy: boolean;
  send(message: string, blank: string | undefined): Promise<void>;
  stop(): void;
  reload(): Promise<void>;
}

/** The assistant's state for one app: its status and usage, the kept conversation, the live turn. */
export function useAssistant(slug: string): Assistant {
  const [status, setStatus] = useState<AiStatus | null>(null);
  const [statusError, setStatusError] = useState<unknown>(null);
  const [messages, setMessages] = useState<AiMessage[]>([]);
  const [live, setLive] = useState<LiveTurn | null>(null);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const base = `/api/apps/${encodeURIComponent(slug)}/ai`;

  const reload = useCallback(async () => {
    try {
      const [s, m] = await Promise.all([
        api<AiStatus>("GET", "/api/ai"),
        api<StudioTypes["aiMessages"]>("GET", `${base}/messages`),
      ]);
      setStatus(s);
      setMessages(m.messages);
      setStatusError(null);
    } catch (err) {
      setStatusError(err);
    }
  }, [base]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const send = useCallback(
    async (message: string, blank: string | undefined) => {
      const controller = new AbortController();
      abort.current = controller;
      setBusy(true);
      const turn: LiveTurn = {
        message,
        text: "",
        writing: [],
        refused: [],
        building: false,
        repairs: [],
        proposal: null,
        notice: null,
        error: null,
        state: "streaming",
      };
      setLive({ ...turn });
      const update = (change: Partial<LiveTurn>): void => {
        Object.assign(turn, change);
        setLive({ ...turn });
      };
      try {
        const res = await fetch(`${base}/chat`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          credentials: "same-origin",
          body: JSON.stringify(blank ? { message, blank } : { message }),
          signal: controller.signal,
        });
        if (!res.ok) throw errorFromResponse(res.status, await res.text().catch(() => ""));
        await readTurn(res, (e) => {
          if (e.type === "text") update({ text: turn.text + e.delta });
          else if (e.type === "text-start" && turn.text.trim() !== "") update({ text: `${turn.text}\n\n` });
          else if (e.type === "writing" && e.path) update({ writing: [...turn.writing, e.path] });
          else if (e.type === "tool-result" && e.output.startsWith("REFUSED:"))
            update({ refused: [...turn.refused, e.output.slice("REFUSED: ".length)] });
          else if (e.type === "building") update({ building: true });
          else if (e.type === "repair") update({ building: false, repairs: [...turn.repairs, e] });
          else if (e.type === "proposal") update({ building: false, proposal: e.proposal });
          else if (e.type === "notice") update({ notice: e.message });
          else if (e.type === "error") update({ building: false, error: e.message });
        });
        update({ state: "done" });
      } catch (err) {
        if (controller.signal.aborted) update({ state: "stopped" });
        else update({ state: "done", error: err instanceof Error ? err.message : String(err) });
        if (err instanceof ApiError && err.status === 401) throw err;
      } finally {
        abort.current = null;
        setBusy(false);
        await reload();
        // The kept conversation now holds this turn; the live copy stays only when it has no record (a refused request).
        setLive((l) => (l?.error && !l.proposal && l.text === "" ? l : null));
      }
    },
    [base, reload],
  );

  const stop = useCallback(() => abort.current?.abort(), []);

  return { status, statusError, messages, live, busy, send, stop, reload };
}

/** Accepts a proposal; answers the saved blanks (path → content) and the draft's new revision. */
export async function acceptProposal(
  slug: string,
  id: string,
): Promise<{ files: Record<string, string>; revision: string }> {
  const r = await api<StudioTypes["aiAccepted"]>(
    "POST",
    `/api/apps/${encodeURIComponent(slug)}/ai/proposals/${encodeURIComponent(id)}/accept`,
  );
  const out: Record<string, string> = {};
  for (const path of r.saved) if (Object.hasOwn(r.files, path)) out[path] = r.files[path] ?? "";
  return { files: out, revision: r.revision };
}

export async function rejectProposal(slug: string, id: string): Promise<void> {
  await api("POST", `/api/apps/${encodeURIComponent(slug)}/ai/proposals/${encodeURIComponent(id)}/reject`);
}
