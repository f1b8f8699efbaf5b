/**
 * The two types every other SDK module shares: the error and the transport seam.
 */

/** Every failed SDK call rejects with this. `status` is the HTTP status (0: no answer at all). */
export class SandlotError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = "SandlotError";
    this.code = code;
    this.status = status;
  }
}

const GENERIC: Record<number, [string, string]> = {
  400: ["bad_request", "The request was not valid."],
  401: ["unauthenticated", "Please sign in."],
  402: ["payment_required", "This needs a paid plan."],
  403: ["forbidden", "You are not allowed to do that."],
  404: ["not_found", "Not found."],
  409: ["conflict", "That conflicts with existing data."],
  413: ["too_large", "That is too large."],
  429: ["rate_limited", "Too many requests. Please wait and try again."],
};

/** Build a SandlotError from the server's `{"error":{"code","message"}}` (or a generic one). */
export function errorFromResponse(status: number, body: unknown): SandlotError {
  const e = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof e === "object" && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && code && typeof message === "string") {
      return new SandlotError(code.slice(0, 100), message.slice(0, 1000), status);
    }
  }
  const [code, message] =
    GENERIC[status] ??
    (status >= 500
      ? ["server_error", "Something went wrong. Please try again."]
      : [`http_${status}`, `Request failed (${status}).`]);
  return new SandlotError(code, message, status);
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface TransportResponse {
  status: number;
  /** Parsed JSON, null for an empty body. */
  body: unknown;
}

/**
 * How SDK calls reach the app plane. `fetchTransport` on a real app origin; the preview bridge
 * inside the studio. `navigate` (optional) opens an external URL such as a checkout page.
 */
export interface Transport {
  request(method: HttpMethod, path: string, body?: unknown | FormData): Promise<TransportResponse>;
  navigate?(url: string): void;
}
