/** Messages between the studio page and the preview build worker (same origin, studio code only). */
import type { ScriptPart } from "../../../sandbox/build/runtime-error";
import type { BuildProblem } from "../../../sandbox/build/types";

export interface TemplatePayload {
  id: string;
  /** The template manifest as the API returned it (the worker validates it). */
  manifest: unknown;
  /** index.html and src/** of the template. */
  files: Record<string, string>;
}

export interface BuildRequest {
  type: "build";
  id: number;
  template: TemplatePayload;
  /** The editor's blank files. */
  files: Record<string, string>;
}

export interface BuiltApp {
  js: string;
  css: string;
  html: string;
  bytes: number;
  /** Where each JS file starts in `js` and its source map, to name blank:line for a runtime error. */
  parts: ScriptPart[];
}

export type BuildResponse =
  | { type: "result"; id: number; ok: true; app: BuiltApp; ms: number }
  | { type: "result"; id: number; ok: false; problems: BuildProblem[]; ms: number }
  | { type: "fatal"; id: number; message: string };
