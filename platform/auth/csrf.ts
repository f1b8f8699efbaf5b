/**
 * Cross-site request refusal for cookie-authenticated unsafe methods (T24, T13). Browsers send
 * Sec-Fetch-Site on every request and Origin on every cross-origin POST, so a request carrying
 * neither did not come from a browser page and cannot ride a victim's cookie.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function isCrossSiteRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  if (origin === "null") return true;
  try {
    return new URL(origin).host !== new URL(request.url).host;
  } catch {
    return true;
  }
}
