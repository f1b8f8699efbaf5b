import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The one error type that crosses the HTTP boundary. Its message is written for the person who
 * made the request; anything else thrown is logged and answered with a generic 500.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly extra: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    options: { extra?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.extra = options.extra;
    this.headers = options.headers;
  }
}

export const badRequest = (message: string, code = "bad_request"): ApiError => new ApiError(400, code, message);
export const unauthorized = (message = "Sign in first."): ApiError => new ApiError(401, "unauthorized", message);
export const forbidden = (message = "You may not do that.", code = "forbidden"): ApiError =>
  new ApiError(403, code, message);
export const notFound = (message = "Not found."): ApiError => new ApiError(404, "not_found", message);
export const conflict = (message: string, code = "conflict"): ApiError => new ApiError(409, code, message);
export const payloadTooLarge = (message: string): ApiError => new ApiError(413, "payload_too_large", message);
export const unsupportedMediaType = (message: string): ApiError => new ApiError(415, "unsupported_media_type", message);
export const tooManyRequests = (message: string, retryAfterSeconds: number): ApiError =>
  new ApiError(429, "too_many_requests", message, {
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });

export interface ErrorBody {
  error: { code: string; message: string; requestId?: string } & Record<string, unknown>;
}

export function errorBody(error: ApiError, requestId: string | undefined): ErrorBody {
  return {
    error: { code: error.code, message: error.message, ...(requestId ? { requestId } : {}), ...(error.extra ?? {}) },
  };
}

/** The one error handler (I8, T03): known errors keep their status and words; the rest say nothing. */
export function handleError(err: unknown, c: Context): Response {
  const requestId = (c.get("requestId") as string | undefined) ?? crypto.randomUUID();
  if (err instanceof ApiError) {
    const res = c.json(errorBody(err, requestId), err.status);
    for (const [k, v] of Object.entries(err.headers ?? {})) res.headers.set(k, v);
    res.headers.set("X-Request-Id", requestId);
    return res;
  }
  // Logged for operators with the request id; the body carries nothing from the error itself.
  console.error(`[${requestId}] unhandled`, err);
  const res = c.json(
    {
      error: {
        code: "internal",
        message: "Something went wrong on our side. Try again; if it keeps happening, quote the request id.",
        requestId,
      },
    },
    500,
  );
  res.headers.set("X-Request-Id", requestId);
  return res;
}

export function handleNotFound(c: Context): Response {
  return handleError(notFound("No such endpoint."), c);
}
