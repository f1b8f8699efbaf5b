/**
 * Choosing how calls travel: same-origin fetch on a real app origin, the postMessage bridge inside
 * the studio preview. The session is an HttpOnly cookie the browser attaches by itself; nothing
 * here reads cookies or stores tokens (T23).
 */

import { createBridgeTransport } from "./bridge";
import { isHttpUrl, readNonceFromHash } from "./protocol";
import { SandlotError, errorFromResponse, type HttpMethod, type Transport, type TransportResponse } from "./core";

/** Same-origin fetch with the cookie session; JSON in and out. */
export const fetchTransport: Transport = {
  async request(method: HttpMethod, path: string, body?: unknown): Promise<TransportResponse> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const init: RequestInit = { method, headers, credentials: "same-origin" };
    if (typeof FormData !== "undefined" && body instanceof FormData) {
      init.body = body; // the browser sets the multipart boundary
    } else if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await fetch(path, init);
    } catch {
      throw new SandlotError("network_error", "Could not reach the server. Check your connection.", 0);
    }
    if (res.status === 204) return { status: 204, body: null };
    const text = await res.text().catch(() => "");
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    return { status: res.status, body: parsed };
  },
};

let configured: Transport | null = null;
let detected: Transport | null = null;

function previewNonce(): string | null {
  if (typeof window === "undefined") return null;
  try {
    return window.parent !== window ? readNonceFromHash(window.location.hash) : null;
  } catch {
    return null;
  }
}

// Read at load time, before app code (a router, say) can change the hash.
const bootNonce = previewNonce();

/** Pick the transport from the page: the bridge inside the studio preview, else fetch. */
export function detectTransport(): Transport {
  const nonce = bootNonce ?? previewNonce();
  return nonce ? createBridgeTransport({ nonce }) : fetchTransport;
}

export interface SdkConfig {
  /** Use this transport for every call (tests, or the template bootstrap forcing a choice). */
  transport?: Transport;
}

/**
 * Called once by the locked template bootstrap before rendering. Without it (or without
 * `transport`), the SDK auto-detects on first use.
 */
export function configureSdk(config: SdkConfig): void {
  if (config.transport) configured = config.transport;
}

export function getTransport(): Transport {
  if (configured) return configured;
  if (!detected) detected = detectTransport();
  return detected;
}

/** Test helper: forget configured and detected transports. */
export function resetTransportForTests(): void {
  configured = null;
  detected = null;
}

/** Call the app plane; resolve with the 2xx body or reject with a SandlotError. */
export async function call<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  let res: TransportResponse;
  try {
    res = await getTransport().request(method, path, body);
  } catch (e) {
    if (e instanceof SandlotError) throw e;
    throw new SandlotError("network_error", "Could not reach the server.", 0);
  }
  if (res.status >= 200 && res.status < 300) return res.body as T;
  throw errorFromResponse(res.status, res.body);
}

/** Open an external http(s) URL from the server (checkout, portal). */
export function navigateTo(url: unknown): void {
  if (typeof url !== "string" || !isHttpUrl(url)) {
    throw new SandlotError("bad_redirect", "The server returned an invalid link.", 0);
  }
  const t = getTransport();
  if (t.navigate) t.navigate(url);
  else window.location.assign(url);
}
