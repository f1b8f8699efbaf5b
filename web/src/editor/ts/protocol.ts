/** Messages between the studio page and the TypeScript worker (ts.worker.ts). */

export interface TsProblem {
  /** 0-based offsets into the file. */
  from: number;
  to: number;
  message: string;
  severity: "error" | "warning";
}

export interface TsCompletion {
  label: string;
  kind: string;
  detail?: string;
  /** Set for a suggestion that comes from a module the file does not import yet. */
  source?: string;
}

export type TsRequest =
  | { type: "init"; id: number; files: Record<string, string>; manifest: unknown }
  | { type: "update"; id: number; path: string; content: string }
  | { type: "diagnostics"; id: number; path: string }
  | { type: "completions"; id: number; path: string; pos: number }
  | { type: "hover"; id: number; path: string; pos: number };

export type TsResponse =
  | { type: "ready"; id: number }
  | { type: "diagnostics"; id: number; problems: TsProblem[] }
  | { type: "completions"; id: number; from: number; items: TsCompletion[] }
  | { type: "hover"; id: number; text: string | null; from: number; to: number }
  | { type: "ok"; id: number }
  | { type: "error"; id: number; message: string };
