import type { MiddlewareHandler } from "hono";
import { forbidden } from "../errors";
import { isCrossSiteRequest, isUnsafeMethod } from "../auth/csrf";
import { assertDeclaredLength, MAX_JSON_BYTES } from "./body";

/** Every response carries the id its logs are filed under (T03). */
export const requestId: MiddlewareHandler<{ Variables: { requestId: string } }> = async (c, next) => {
  const id = crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("X-Request-Id", id);
};

/**
 * Refuses an over-size body by its declared length before any handler runs (T17). Routes that
 * take larger bodies (file uploads) are listed by the caller and enforce their own cap.
 */
export function bodyLimit(options: { limit?: number; except?: (path: string) => boolean } = {}): MiddlewareHandler {
  const limit = options.limit ?? MAX_JSON_BYTES;
  return async (c, next) => {
    if (isUnsafeMethod(c.req.method) && !options.except?.(c.req.path)) assertDeclaredLength(c.req.raw, limit);
    await next();
  };
}

/** Unsafe requests from another site never reach a handler (T24, T13). */
export function refuseCrossSite(options: { except?: (path: string) => boolean } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (isUnsafeMethod(c.req.method) && !options.except?.(c.req.path) && isCrossSiteRequest(c.req.raw)) {
      throw forbidden("Cross-site requests are not allowed.", "cross_site");
    }
    await next();
  };
}

/** Headers for every studio response; app origins have their own, stricter set. */
export const studioSecurityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  h.set("X-Frame-Options", "DENY");
  if (!h.has("Content-Security-Policy")) {
    h.set(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; frame-src http: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
    );
  }
};
