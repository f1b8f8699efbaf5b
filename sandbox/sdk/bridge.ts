/**
 * The app side of the preview bridge: a Transport for @sandlot/sdk that sends each app-plane call
 * to the studio (window.parent) over postMessage instead of fetch. Bundled into apps, so it imports
 * only protocol.ts and the SDK's core types.
 *
 * - Every message carries this preview load's nonce and is posted to `window.parent` only.
 *   `hostOrigin` (when known) is used as the target origin; otherwise "*" — the preview document must
 *   then be served with `frame-ancestors` limited to the studio, so only the studio can be the parent.
 * - Responses are accepted only from `window.parent` (and `hostOrigin`, when given), with the right
 *   nonce and a pending id; anything else is ignored.
 * - A call with no answer rejects after 30 s with SandlotError("bridge_timeout", …, 0).
 */

import { SandlotError, type HttpMethod, type Transport, type TransportResponse } from "./core";
import { PROTOCOL_VERSION, formDataToPayload, parseMessage, type AppToHostMessage } from "./protocol";

export interface BridgeWindowLike {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

export interface BridgeOptions {
  nonce: string;
  /** Default 15000. */
  timeoutMs?: number;
  /** The studio's origin, when the app knows it. */
  hostOrigin?: string;
  /** Defaults to the global window. */
  window?: BridgeWindowLike;
}

export interface BridgeTransport extends Transport {
  navigate(url: string): void;
  /** Tell the studio about an uncaught error (shown in the studio UI). */
  reportError(error: unknown): void;
  /** Stop listening; pending calls reject. */
  dispose(): void;
}

// A preview sign-up crosses the bridge, the studio and the app object and hashes a password: on a
// busy machine that took longer than the 15 s this once was, and the form then said "did not answer".
export const BRIDGE_TIMEOUT_MS = 30_000;

let seq = 0;

export function createBridgeTransport(options: BridgeOptions): BridgeTransport {
  const win: BridgeWindowLike | undefined =
    options.window ?? (typeof window !== "undefined" ? (window as unknown as BridgeWindowLike) : undefined);
  if (!win) throw new Error("createBridgeTransport: no window");
  const { nonce } = options;
  const timeoutMs = options.timeoutMs ?? BRIDGE_TIMEOUT_MS;
  const targetOrigin = options.hostOrigin ?? "*";
  const prefix = Math.random().toString(36).slice(2, 10);

  type Pending = {
    resolve(r: TransportResponse): void;
    reject(e: SandlotError): void;
    timer: ReturnType<typeof setTimeout>;
  };
  const pending = new Map<string, Pending>();

  const post = (msg: AppToHostMessage) => win.parent.postMessage(msg, targetOrigin);

  const onMessage = (event: MessageEvent) => {
    if (event.source !== (win.parent as unknown)) return;
    if (options.hostOrigin !== undefined && event.origin !== options.hostOrigin) return;
    const msg = parseMessage(event.data);
    if (msg?.type !== "sandlot:response" || msg.nonce !== nonce) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    p.resolve({ status: msg.status, body: msg.body });
  };
  win.addEventListener("message", onMessage);

  const transport: BridgeTransport = {
    request(method: HttpMethod, path: string, body?: unknown) {
      return new Promise<TransportResponse>((resolve, reject) => {
        const id = `${prefix}${++seq}`;
        let wireBody: unknown;
        if (typeof FormData !== "undefined" && body instanceof FormData) wireBody = formDataToPayload(body);
        // Same normalisation fetch applies via JSON.stringify (drops undefined, Dates become strings).
        else if (body !== undefined) wireBody = JSON.parse(JSON.stringify(body));
        const timer = setTimeout(() => {
          if (!pending.delete(id)) return;
          reject(new SandlotError("bridge_timeout", "The studio preview did not answer in time.", 0));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        const msg: AppToHostMessage = { type: "sandlot:request", nonce, id, method, path };
        if (wireBody !== undefined) msg.body = wireBody;
        try {
          post(msg);
        } catch {
          pending.delete(id);
          clearTimeout(timer);
          reject(new SandlotError("bridge_error", "Could not reach the studio preview.", 0));
        }
      });
    },
    navigate(url: string) {
      post({ type: "sandlot:navigate", nonce, url });
    },
    reportError(error: unknown) {
      const e = error instanceof Error ? error : new Error(String(error));
      const msg: AppToHostMessage = { type: "sandlot:error", nonce, message: String(e.message).slice(0, 10_000) };
      if (typeof e.stack === "string") msg.stack = e.stack.slice(0, 10_000);
      try {
        post(msg);
      } catch {
        /* best effort */
      }
    },
    dispose() {
      win.removeEventListener("message", onMessage);
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new SandlotError("bridge_closed", "The studio preview connection was closed.", 0));
        pending.delete(id);
      }
    },
  };

  post({ type: "sandlot:ready", nonce, version: PROTOCOL_VERSION });
  return transport;
}
