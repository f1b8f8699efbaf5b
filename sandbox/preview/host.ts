/**
 * The studio side of the preview bridge. Runs in the studio page; the app runs in
 * `<iframe sandbox="allow-scripts allow-forms">` (no allow-same-origin, so its origin is opaque: "null").
 *
 * Trust rules (I6, T28, T31, T32):
 * - A message is considered only if `event.source === iframe.contentWindow`, its origin is the
 *   expected one ("null" for the sandboxed frame, or `previewOrigin` when given), it parses as a
 *   protocol message (`parseMessage`), and its nonce equals this preview load's nonce. Anything
 *   else is dropped silently: no reply, no callback.
 * - Only app-plane calls on the allow-list (`isAllowedRequest`, mirroring DESIGN.md §5) reach
 *   `handle`. The frame can never ask the studio to save, publish, call the AI or read studio data
 *   through this channel; other verified requests get a 404 error reply.
 * - Replies are posted only to `iframe.contentWindow`, never broadcast. A sandboxed frame has an
 *   opaque origin, which cannot be named as a postMessage target origin, so the only possible
 *   target is "*"; we use it solely on the frame's own WindowProxy after checking the request's
 *   source, origin and nonce. If the frame navigated since the request arrived (its `load` event
 *   fired), the reply is dropped, so an answer does not reach a document that did not ask. When the
 *   preview is served from a real origin, pass `previewOrigin` and it is used as the target origin.
 * - The nonce is not a secret from the app's code (it runs in the frame): it binds messages to one
 *   preview load. The server behind `handle` enforces every rule, as for a published app.
 */

import {
  NONCE_HASH_PARAM,
  NONCE_PATTERN,
  isFormPayload,
  isHttpUrl,
  isJsonValue,
  parseMessage,
  payloadToFormData,
  type AppToHostMessage,
  type BridgeMethod,
  type ResponseMessage,
} from "../sdk/protocol";

// ---------------------------------------------------------------------------------------------
// Allow-list of app-plane calls (DESIGN.md §5 "App plane contract")

const COLLECTION = "[a-z][a-zA-Z0-9_]{0,39}";
const ID = "[A-Za-z0-9_-]{1,128}";

const ALLOWED: ReadonlyArray<readonly [BridgeMethod, RegExp]> = [
  ["POST", /^\/_api\/auth\/(signup|login|logout)$/],
  // The kit's "send the link again" and "forgot password?" (the links themselves open the live app).
  ["POST", /^\/_api\/auth\/(verify|reset)\/request$/],
  ["GET", /^\/_api\/auth\/me$/],
  ["GET", /^\/_api\/app$/],
  ["GET", new RegExp(`^/_api/collections/${COLLECTION}$`)],
  ["POST", new RegExp(`^/_api/collections/${COLLECTION}$`)],
  ["GET", new RegExp(`^/_api/collections/${COLLECTION}/${ID}$`)],
  ["PATCH", new RegExp(`^/_api/collections/${COLLECTION}/${ID}$`)],
  ["DELETE", new RegExp(`^/_api/collections/${COLLECTION}/${ID}$`)],
  ["POST", /^\/_api\/billing\/(checkout|portal)$/],
  ["POST", /^\/_api\/files$/],
  ["GET", new RegExp(`^/_api/files/${ID}$`)],
];

const LIST_PATH = new RegExp(`^/_api/collections/${COLLECTION}$`);
/** Percent-encoded (or unreserved) text, as the SDK's encodeURIComponent writes it. */
const ENCODED = "(?:[A-Za-z0-9_.~!*'()-]|%[0-9A-Fa-f]{2})";
/**
 * The list parameters the SDK sends: limit, cursor, sort and where[field] (brackets encoded or
 * not). Only their shape is checked here; the server decides which fields a list may use.
 */
const QUERY_PARAM = new RegExp(
  `^(limit=\\d{1,4}|cursor=${ENCODED}{1,2048}|sort=-?${COLLECTION}|where(?:%5B|\\[)${COLLECTION}(?:%5D|\\])=${ENCODED}{0,800})$`,
);

/** Is `method path` one of the app-plane calls the preview may make? Query strings only on lists. */
export function isAllowedRequest(method: string, path: string): boolean {
  const q = path.indexOf("?");
  const pathname = q < 0 ? path : path.slice(0, q);
  if (q >= 0) {
    if (method !== "GET" || !LIST_PATH.test(pathname)) return false;
    const params = path.slice(q + 1).split("&");
    const seen = new Set<string>();
    for (const p of params) {
      if (!QUERY_PARAM.test(p)) return false;
      const key = p.slice(0, p.indexOf("="));
      if (seen.has(key)) return false;
      seen.add(key);
    }
  }
  return ALLOWED.some(([m, re]) => m === method && re.test(pathname));
}

// ---------------------------------------------------------------------------------------------
// Pure decision: should this incoming event be acted upon?

/** The parts of a MessageEvent the host looks at. */
export interface IncomingEvent {
  source: unknown;
  origin: string;
  data: unknown;
}

export interface AcceptContext {
  /** `iframe.contentWindow` at the time the event arrived. */
  expectedSource: unknown;
  nonce: string;
  /** Expected origin of the frame; when absent the frame must be opaque ("null"). */
  previewOrigin?: string;
}

export type AcceptResult =
  | { ok: true; message: AppToHostMessage }
  | { ok: false; reason: "source" | "origin" | "malformed" | "direction" | "nonce" };

export function acceptMessage(event: IncomingEvent, ctx: AcceptContext): AcceptResult {
  if (ctx.expectedSource == null || event.source !== ctx.expectedSource) return { ok: false, reason: "source" };
  if (event.origin !== (ctx.previewOrigin ?? "null")) return { ok: false, reason: "origin" };
  const message = parseMessage(event.data);
  if (!message) return { ok: false, reason: "malformed" };
  if (message.type === "sandlot:response") return { ok: false, reason: "direction" };
  if (!constantTimeEqual(message.nonce, ctx.nonce)) return { ok: false, reason: "nonce" };
  return { ok: true, message };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// ---------------------------------------------------------------------------------------------
// The host

export interface PreviewRequest {
  method: BridgeMethod;
  /** Always starts with `/_api/` and passed `isAllowedRequest`. */
  path: string;
  /** Parsed JSON, a FormData (for uploads), or undefined. */
  body: unknown;
}

export interface PreviewReply {
  status: number;
  /** A JSON value, a Blob (file downloads) or null. */
  body: unknown;
}

/** Minimal window-like objects, so the host is testable without a DOM. */
export interface MessageTargetLike {
  postMessage(message: unknown, targetOrigin: string): void;
}
export interface ListenerTargetLike {
  addEventListener(type: string, listener: (event: never) => void): void;
  removeEventListener(type: string, listener: (event: never) => void): void;
}
export interface IframeLike extends Partial<ListenerTargetLike> {
  readonly contentWindow: MessageTargetLike | null;
}

export interface PreviewHostOptions {
  iframe: IframeLike;
  /** This preview load's nonce (see `createNonce`). */
  nonce: string;
  /** Only when the preview is NOT an opaque-origin sandbox: its exact origin. */
  previewOrigin?: string;
  /** Answer one allow-listed app-plane call (web/ forwards it to the app's preview data). */
  handle(request: PreviewRequest): Promise<PreviewReply>;
  onReady?(): void;
  /** The app asked to open an http(s) URL (checkout, billing portal). Open it in a new tab with noopener. */
  onNavigate?(url: string): void;
  onAppError?(error: { message: string; stack?: string }): void;
  /** Where to listen for `message` events; defaults to the global window. */
  window?: ListenerTargetLike;
}

export interface PreviewHost {
  dispose(): void;
}

const FORBIDDEN_REPLY: PreviewReply = {
  status: 404,
  body: { error: { code: "not_found", message: "This call is not part of the app API." } },
};
const FAILED_REPLY: PreviewReply = {
  status: 502,
  body: { error: { code: "preview_unavailable", message: "The preview could not answer this call." } },
};

export function createPreviewHost(options: PreviewHostOptions): PreviewHost {
  const { iframe, nonce, previewOrigin, handle } = options;
  if (!NONCE_PATTERN.test(nonce)) throw new Error("createPreviewHost: invalid nonce");
  const target: ListenerTargetLike | undefined =
    options.window ?? (typeof window !== "undefined" ? (window as unknown as ListenerTargetLike) : undefined);
  if (!target) throw new Error("createPreviewHost: no window to listen on");

  let disposed = false;
  // Bumped on every load of the frame: a reply is posted only into the document that asked.
  let generation = 0;
  const onLoad = () => {
    generation++;
  };

  const reply = (gen: number, source: MessageTargetLike, id: string, r: PreviewReply) => {
    if (disposed || gen !== generation || iframe.contentWindow !== source) return;
    const body = r.body === undefined ? null : r.body;
    const valid =
      Number.isInteger(r.status) &&
      r.status >= 100 &&
      r.status <= 599 &&
      (body === null || isJsonValue(body) || (typeof Blob !== "undefined" && body instanceof Blob));
    const out = valid ? { status: r.status, body } : FAILED_REPLY;
    const msg: ResponseMessage = { type: "sandlot:response", nonce, id, status: out.status, body: out.body };
    // Explicit target: the verified frame's own WindowProxy. See the header comment for "*".
    source.postMessage(msg, previewOrigin ?? "*");
  };

  const onMessage = (event: IncomingEvent) => {
    if (disposed) return;
    const source = iframe.contentWindow;
    const ctx: AcceptContext = { expectedSource: source, nonce };
    if (previewOrigin !== undefined) ctx.previewOrigin = previewOrigin;
    const result = acceptMessage(event, ctx);
    if (!result.ok || !source) return;
    const m = result.message;
    switch (m.type) {
      case "sandlot:ready":
        options.onReady?.();
        return;
      case "sandlot:navigate":
        if (isHttpUrl(m.url)) options.onNavigate?.(m.url);
        return;
      case "sandlot:error": {
        const e: { message: string; stack?: string } = { message: m.message };
        if (m.stack !== undefined) e.stack = m.stack;
        options.onAppError?.(e);
        return;
      }
      case "sandlot:request": {
        const gen = generation;
        if (!isAllowedRequest(m.method, m.path)) {
          reply(gen, source, m.id, FORBIDDEN_REPLY);
          return;
        }
        const body = isFormPayload(m.body) ? payloadToFormData(m.body) : m.body;
        let pending: Promise<PreviewReply>;
        try {
          pending = Promise.resolve(handle({ method: m.method, path: m.path, body }));
        } catch {
          pending = Promise.resolve(FAILED_REPLY);
        }
        pending.then(
          (r) => reply(gen, source, m.id, r && typeof r === "object" ? r : FAILED_REPLY),
          () => reply(gen, source, m.id, FAILED_REPLY),
        );
        return;
      }
    }
  };

  target.addEventListener("message", onMessage as (event: never) => void);
  iframe.addEventListener?.("load", onLoad);

  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      target.removeEventListener("message", onMessage as (event: never) => void);
      iframe.removeEventListener?.("load", onLoad);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers for web/

/** A fresh random nonce (base64url, 32 chars) for one preview load. */
export function createNonce(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `url` with `#sandlot-preview=<nonce>` as its hash (replacing any hash). */
export function previewUrl(url: string, nonce: string): string {
  const hashAt = url.indexOf("#");
  return `${hashAt < 0 ? url : url.slice(0, hashAt)}#${NONCE_HASH_PARAM}=${nonce}`;
}
