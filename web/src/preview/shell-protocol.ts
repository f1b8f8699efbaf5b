/**
 * The studio ⇄ preview-shell handshake (web/public/preview-shell.js is the other side).
 *
 *   shell  → studio  sandlot-shell:hello  { nonce }                      the shell loaded, send the build
 *   studio → shell   sandlot-shell:run    { nonce, js, css, html }       the built app (once per load)
 *   shell  → studio  sandlot-shell:ran    { nonce }                      the app's module was evaluated
 *   shell  → studio  sandlot-shell:error  { nonce, message, stack? }     the app failed to load or threw
 *
 * The app's own SDK traffic uses the separate "sandlot:*" bridge protocol (sandbox/sdk/protocol.ts).
 * Everything received is validated here before the studio acts on it (T31); the studio answers a
 * hello only from the iframe it created, with that load's nonce, once (see PreviewFrame.tsx).
 */

import { NONCE_PATTERN } from "../../../sandbox/preview/protocol";

/**
 * The shell is web/public/preview.html. Workers static assets serve it at "/preview" (html_handling
 * redirects "/preview.html" there), so that is the URL the iframe loads and the one the preview CSP
 * (web/public/_headers) must name.
 */
export const SHELL_PATH = "/preview";
const MAX_MESSAGE = 10_000;

export type ShellToStudio =
  | { type: "sandlot-shell:hello"; nonce: string }
  | { type: "sandlot-shell:ran"; nonce: string }
  | { type: "sandlot-shell:error"; nonce: string; message: string; stack?: string };

export interface RunMessage {
  type: "sandlot-shell:run";
  nonce: string;
  js: string;
  css: string;
  html: string;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** Validate a message from the shell. Exact shapes only; anything else is null. */
export function parseShellMessage(data: unknown): ShellToStudio | null {
  if (!isPlain(data)) return null;
  const { type, nonce } = data;
  if (typeof nonce !== "string" || !NONCE_PATTERN.test(nonce)) return null;
  const keys = Object.keys(data);
  if (type === "sandlot-shell:hello" || type === "sandlot-shell:ran") {
    if (keys.length !== 2) return null;
    return { type, nonce };
  }
  if (type === "sandlot-shell:error") {
    if (typeof data.message !== "string") return null;
    if (keys.length === 4 && typeof data.stack === "string")
      return { type, nonce, message: data.message.slice(0, MAX_MESSAGE), stack: data.stack.slice(0, MAX_MESSAGE) };
    if (keys.length !== 3) return null;
    return { type, nonce, message: data.message.slice(0, MAX_MESSAGE) };
  }
  return null;
}

/** The iframe URL for one preview load. The nonce rides in the hash, never sent to the server. */
export function shellUrl(nonce: string): string {
  return `${SHELL_PATH}#sandlot-preview=${nonce}`;
}

export interface ShellGate {
  /** Decide what to do with one incoming window message (null: ignore it). */
  onMessage(event: { source: unknown; origin: string; data: unknown }): ShellToStudio | null;
  /** The iframe fired `load`. A second load means the app navigated its frame: stop answering. */
  onLoad(): "first" | "navigated";
  /**
   * True exactly once: when the frame has fired its first `load` AND the shell said hello. The
   * build is sent only then, so the app's code starts after the bridge host has seen the frame's
   * load (the host drops replies across loads; an app call made before it would be lost).
   */
  takeRun(): boolean;
  readonly closed: boolean;
}

/**
 * Pure gatekeeper for one preview load: accepts shell messages only from `expectedSource()`, with
 * origin "null" (the opaque sandbox), and this load's nonce; accepts `hello` once; closes for good
 * when the frame loads a second document.
 */
export function createShellGate(nonce: string, expectedSource: () => unknown): ShellGate {
  let loads = 0;
  let helloSeen = false;
  let sent = false;
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    onLoad() {
      loads++;
      if (loads > 1) closed = true;
      return loads > 1 ? "navigated" : "first";
    },
    takeRun() {
      if (closed || sent || !helloSeen || loads !== 1) return false;
      sent = true;
      return true;
    },
    onMessage(event) {
      if (closed) return null;
      const src = expectedSource();
      if (src == null || event.source !== src) return null;
      if (event.origin !== "null") return null;
      const msg = parseShellMessage(event.data);
      if (!msg || msg.nonce !== nonce) return null;
      if (msg.type === "sandlot-shell:hello") {
        if (helloSeen) return null;
        helloSeen = true;
      }
      return msg;
    },
  };
}
