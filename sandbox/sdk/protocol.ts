/**
 * The studio preview bridge: the message protocol between the studio page (host,
 * sandbox/preview/host.ts) and an app running in the studio's sandboxed preview iframe (client,
 * sandbox/sdk/bridge.ts, used by @sandlot/sdk). Lives in sdk/ because the SDK is bundled into apps
 * from its own folder only; web/ imports it as sandbox/preview/protocol.ts.
 *
 * Shared with web/. Everything that crosses the window boundary goes through `parseMessage`, which
 * rejects anything malformed, so both sides only ever act on well-shaped data (I6, T31).
 *
 *   app  → host  sandlot:ready     { nonce }                               the app booted
 *   app  → host  sandlot:request   { nonce, id, method, path, body? }      one app-plane call (/_api/...)
 *   host → app   sandlot:response  { nonce, id, status, body }             its answer
 *   app  → host  sandlot:navigate  { nonce, url }                          "please open this URL" (checkout, portal)
 *   app  → host  sandlot:error     { nonce, message, stack? }              an uncaught error in the app (for the studio UI)
 *
 * The nonce is created by the studio per preview load and given to the app in the iframe URL's hash
 * (`#sandlot-preview=<nonce>`). It is NOT a secret from the app's own code (that code runs in the
 * frame); it ties messages to one preview load so stale frames, other frames and other windows are
 * ignored. The real boundary is: the host checks `event.source`, answers only allow-listed app-plane
 * calls, and the server enforces every rule on the preview data exactly as on a published app.
 */

// Keep this module dependency-free: it is bundled into apps (via client.ts) and into the studio.

export const PROTOCOL_VERSION = 1;

/** The hash parameter the studio puts on the preview iframe URL. */
export const NONCE_HASH_PARAM = "sandlot-preview";

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
// Room for a list query: a cursor (up to 2048), a sort and four filters.
const MAX_PATH = 8192;
const MAX_URL = 4096;
const MAX_TEXT = 10_000;
const MAX_DEPTH = 32;
const MAX_FORM_ENTRIES = 20;

export type BridgeMethod = "GET" | "POST" | "PATCH" | "DELETE";
const METHODS: readonly string[] = ["GET", "POST", "PATCH", "DELETE"];

/** FormData is not structured-cloneable, so multipart bodies cross the bridge as this. */
export interface FormPayload {
  readonly kind: "sandlot:form";
  readonly entries: ReadonlyArray<readonly [string, string | Blob]>;
}

export interface ReadyMessage {
  type: "sandlot:ready";
  nonce: string;
  version: number;
}
export interface RequestMessage {
  type: "sandlot:request";
  nonce: string;
  id: string;
  method: BridgeMethod;
  path: string;
  /** JSON value, a FormPayload, or absent. */
  body?: unknown;
}
export interface ResponseMessage {
  type: "sandlot:response";
  nonce: string;
  id: string;
  status: number;
  /** JSON value (or a Blob for file downloads); null for empty bodies. */
  body: unknown;
}
export interface NavigateMessage {
  type: "sandlot:navigate";
  nonce: string;
  url: string;
}
export interface AppErrorMessage {
  type: "sandlot:error";
  nonce: string;
  message: string;
  stack?: string;
}

export type AppToHostMessage = ReadyMessage | RequestMessage | NavigateMessage | AppErrorMessage;
export type HostToAppMessage = ResponseMessage;
export type Message = AppToHostMessage | HostToAppMessage;
export type MessageType = Message["type"];

// ---------------------------------------------------------------------------------------------
// Validation

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function hasOnlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  return Object.keys(o).every((k) => allowed.includes(k));
}

/** A JSON value: null, boolean, finite number, string, array or plain object, bounded in depth. */
export function isJsonValue(v: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (v === null || typeof v === "boolean" || typeof v === "string") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      if (k === "__proto__") return false;
      if (!isJsonValue(v[k], depth + 1)) return false;
    }
    return true;
  }
  return false;
}

function isBlob(v: unknown): v is Blob {
  return typeof Blob !== "undefined" && v instanceof Blob;
}

export function isFormPayload(v: unknown): v is FormPayload {
  if (!isPlainObject(v) || !hasOnlyKeys(v, ["kind", "entries"]) || v.kind !== "sandlot:form") return false;
  const entries = v.entries;
  if (!Array.isArray(entries) || entries.length > MAX_FORM_ENTRIES) return false;
  return entries.every(
    (e) =>
      Array.isArray(e) &&
      e.length === 2 &&
      typeof e[0] === "string" &&
      e[0].length > 0 &&
      e[0].length <= 100 &&
      (typeof e[1] === "string" || isBlob(e[1])),
  );
}

function isNonce(v: unknown): v is string {
  return typeof v === "string" && NONCE_PATTERN.test(v);
}

function isBoundedString(v: unknown, max: number): v is string {
  return typeof v === "string" && v.length <= max;
}

/**
 * Validate data received over postMessage. Returns a well-typed Message, or null for anything that
 * is not exactly one of the protocol's shapes (unknown type, extra keys, wrong types, bad nonce,
 * non-JSON bodies, oversize strings). Never throws.
 */
export function parseMessage(data: unknown): Message | null {
  try {
    return parse(data);
  } catch {
    return null;
  }
}

function parse(data: unknown): Message | null {
  if (!isPlainObject(data) || !isNonce(data.nonce)) return null;
  const nonce = data.nonce;
  switch (data.type) {
    case "sandlot:ready":
      if (!hasOnlyKeys(data, ["type", "nonce", "version"])) return null;
      if (data.version !== PROTOCOL_VERSION) return null;
      return { type: "sandlot:ready", nonce, version: PROTOCOL_VERSION };
    case "sandlot:request": {
      if (!hasOnlyKeys(data, ["type", "nonce", "id", "method", "path", "body"])) return null;
      const { id, method, path, body } = data;
      if (typeof id !== "string" || !ID_PATTERN.test(id)) return null;
      if (typeof method !== "string" || !METHODS.includes(method)) return null;
      if (!isBoundedString(path, MAX_PATH) || !path.startsWith("/_api/")) return null;
      if (body !== undefined) {
        // An object tagged as a form must be a valid form (the tag is reserved on the wire).
        const tagged = isPlainObject(body) && body.kind === "sandlot:form";
        if (tagged ? !isFormPayload(body) : !isJsonValue(body)) return null;
      }
      const msg: RequestMessage = { type: "sandlot:request", nonce, id, method: method as BridgeMethod, path };
      if (body !== undefined) msg.body = body;
      return msg;
    }
    case "sandlot:response": {
      if (!hasOnlyKeys(data, ["type", "nonce", "id", "status", "body"])) return null;
      const { id, status, body } = data;
      if (typeof id !== "string" || !ID_PATTERN.test(id)) return null;
      if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) return null;
      if (body !== null && !isJsonValue(body) && !isBlob(body)) return null;
      return { type: "sandlot:response", nonce, id, status, body };
    }
    case "sandlot:navigate": {
      if (!hasOnlyKeys(data, ["type", "nonce", "url"])) return null;
      if (!isBoundedString(data.url, MAX_URL) || !isHttpUrl(data.url)) return null;
      return { type: "sandlot:navigate", nonce, url: data.url };
    }
    case "sandlot:error": {
      if (!hasOnlyKeys(data, ["type", "nonce", "message", "stack"])) return null;
      if (!isBoundedString(data.message, MAX_TEXT)) return null;
      if (data.stack !== undefined && !isBoundedString(data.stack, MAX_TEXT)) return null;
      const msg: AppErrorMessage = { type: "sandlot:error", nonce, message: data.message };
      if (data.stack !== undefined) msg.stack = data.stack as string;
      return msg;
    }
    default:
      return null;
  }
}

/** An absolute http(s) URL. Anything else (javascript:, data:, relative) is refused. */
export function isHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// FormData <-> FormPayload

export function formDataToPayload(fd: FormData): FormPayload {
  const entries: Array<readonly [string, string | Blob]> = [];
  fd.forEach((value, key) => {
    entries.push([key, value]);
  });
  return { kind: "sandlot:form", entries };
}

export function payloadToFormData(p: FormPayload): FormData {
  const fd = new FormData();
  for (const [k, v] of p.entries) {
    if (typeof v === "string") fd.append(k, v);
    else fd.append(k, v, typeof File !== "undefined" && v instanceof File ? v.name : "blob");
  }
  return fd;
}

// ---------------------------------------------------------------------------------------------
// Nonce in the iframe URL

/** Read `#sandlot-preview=<nonce>` (possibly among other `&`-separated hash params). */
export function readNonceFromHash(hash: string): string | null {
  const h = hash.startsWith("#") ? hash.slice(1) : hash;
  for (const part of h.split("&")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq) !== NONCE_HASH_PARAM) continue;
    const v = part.slice(eq + 1);
    return NONCE_PATTERN.test(v) ? v : null;
  }
  return null;
}
