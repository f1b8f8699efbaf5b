import type { MiddlewareHandler } from "hono";
import { forbidden } from "../errors";
import { isCrossSiteRequest, isUnsafeMethod } from "../auth/csrf";
import { assertDeclaredLength, MAX_JSON_BYTES } from "../http/body";

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

/**
 * The preview shell runs the creator's untrusted app inside the studio's sandboxed iframe: its own
 * policy keeps it opaque-origin even if opened directly, framable only by the studio, and with no
 * network but the postMessage bridge (T28, T31). See docs/preview.md.
 */
const PREVIEW_CSP = [
  "default-src 'none'",
  "script-src 'self' blob:",
  "style-src 'self' 'unsafe-inline' blob:",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' data: blob:",
  "connect-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  // allow-forms lets a form's submit event reach the app's own handler (the kit's sign-in form
  // calls preventDefault and talks over the bridge); form-action 'none' above still stops every
  // form from navigating or sending anything. It grants no origin, storage, top navigation or popup.
  "sandbox allow-scripts allow-forms",
].join("; ");

const STUDIO_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

const isPreviewShell = (path: string): boolean => path === "/preview" || path === "/preview.html";

/** Headers for every studio response; app origins have their own, stricter set. */
export const studioSecurityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  if (isPreviewShell(c.req.path)) {
    h.set("Content-Security-Policy", PREVIEW_CSP);
    h.set("Cache-Control", "no-cache");
  } else {
    // The studio is never framed, by anyone (T33).
    h.set("X-Frame-Options", "DENY");
    h.set("Content-Security-Policy", STUDIO_CSP);
  }
};
