/**
 * Type-aware help for the editor from the TypeScript worker: completion (SDK hooks, the manifest's
 * collection names, React), hover types and type errors. No CodeMirror here (the editor's chunk
 * turns these into extensions, cm-assist.ts), so the workspace can hold one without loading it. The worker is started
 * on the first request, so it costs nothing until the editor is in use; every request first sends
 * the file's current text if the worker has an older one.
 */
import type { Diagnostic } from "@codemirror/lint";
import type { TemplatePayload } from "../../preview/worker-protocol";
import type { TsCompletion, TsRequest, TsResponse } from "./protocol";

type Payload<T extends TsRequest["type"]> = Omit<Extract<TsRequest, { type: T }>, "id" | "type">;

export interface TypeAssist {
  /** Completions at `pos` (a .ts/.tsx blank; nothing for others). */
  completions(path: string, pos: number, text: string): Promise<TsCompletion[]>;
  /** The type at `pos`, as text. */
  hover(path: string, pos: number, text: string): Promise<{ text: string; from: number; to: number } | null>;
  /** Type errors of one file at this text. */
  diagnostics(path: string, text: string): Promise<Diagnostic[]>;
  dispose(): void;
}

/** How long after the editor opens type checking starts, unless a completion asks first. */
const START_DELAY_MS = 2500;

export function isTypeScriptPath(path: string): boolean {
  return /\.tsx?$/.test(path);
}

export function createTypeAssist(template: TemplatePayload, currentFiles: () => Record<string, string>): TypeAssist {
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let nextId = 1;
  const pending = new Map<number, (r: TsResponse) => void>();
  const sent = new Map<string, string>();

  function call(req: TsRequest): Promise<TsResponse> {
    return new Promise((resolve) => {
      pending.set(req.id, resolve);
      worker?.postMessage(req);
    });
  }

  function start(): Promise<void> {
    if (ready) return ready;
    worker = new Worker(new URL("./ts.worker.ts", import.meta.url), { type: "module", name: "typescript" });
    worker.onmessage = (e: MessageEvent<TsResponse>) => {
      const resolve = pending.get(e.data.id);
      pending.delete(e.data.id);
      resolve?.(e.data);
    };
    const files = { ...template.files, ...currentFiles() };
    for (const [p, t] of Object.entries(currentFiles())) sent.set(p, t);
    ready = call({ type: "init", id: nextId++, files, manifest: template.manifest }).then(() => undefined);
    return ready;
  }

  async function request<T extends "diagnostics" | "completions" | "hover">(
    type: T,
    payload: Payload<T>,
    text: string,
  ): Promise<Extract<TsResponse, { type: T }> | null> {
    await start();
    const path = payload.path;
    if (sent.get(path) !== text) {
      sent.set(path, text);
      await call({ type: "update", id: nextId++, path, content: text });
    }
    const res = await call({ type, id: nextId++, ...payload } as TsRequest);
    return res.type === type ? (res as Extract<TsResponse, { type: T }>) : null;
  }

  return {
    async completions(path, pos, text) {
      if (!isTypeScriptPath(path)) return [];
      const res = await request("completions", { path, pos }, text);
      return res?.items ?? [];
    },
    async hover(path, pos, text) {
      if (!isTypeScriptPath(path)) return null;
      const res = await request("hover", { path, pos }, text);
      return res?.text ? { text: res.text, from: res.from, to: res.to } : null;
    },
    async diagnostics(path, text) {
      if (!isTypeScriptPath(path)) return [];
      // The editor lints as soon as it opens: give the first keystrokes the CPU before the worker
      // parses TypeScript and the libraries (a completion request starts it at once).
      if (!ready) await new Promise((r) => setTimeout(r, START_DELAY_MS));
      const res = await request("diagnostics", { path }, text);
      const max = text.length;
      return (res?.problems ?? []).map((p) => ({
        from: Math.min(p.from, max),
        to: Math.min(p.to, max),
        severity: p.severity,
        message: p.message,
        source: "types",
      }));
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const resolve of pending.values()) resolve({ type: "error", id: 0, message: "stopped" });
      pending.clear();
    },
  };
}
