/**
 * Answers the preview's allow-listed app-plane calls (already checked by sandbox/preview/host.ts)
 * by forwarding them to the app's preview data on the studio API:
 *   /_api/collections/todos?limit=20  →  /api/apps/<slug>/preview/_api/collections/todos?limit=20
 * The server applies the template's rules to the preview copy exactly as on the live app; this
 * module only moves bytes. A 401 here is the preview's end user, never the creator's session.
 */
import type { PreviewReply, PreviewRequest } from "../../../sandbox/preview/host";

export function previewApiUrl(slug: string, path: string): string | null {
  if (!path.startsWith("/_api/") || path.includes("..") || path.includes("#")) return null;
  return `/api/apps/${encodeURIComponent(slug)}/preview${path}`;
}

const UNAVAILABLE: PreviewReply = {
  status: 502,
  body: { error: { code: "preview_unavailable", message: "The preview could not reach Sandlot." } },
};

export function createForwarder(slug: string, fetchImpl: typeof fetch = (...a) => fetch(...a)) {
  return async function handle(req: PreviewRequest): Promise<PreviewReply> {
    const url = previewApiUrl(slug, req.path);
    if (!url) return { status: 404, body: { error: { code: "not_found", message: "Not found." } } };
    const headers: Record<string, string> = { Accept: "application/json" };
    const init: RequestInit = { method: req.method, headers, credentials: "same-origin", redirect: "error" };
    if (typeof FormData !== "undefined" && req.body instanceof FormData) init.body = req.body;
    else if (req.body !== undefined && req.method !== "GET") {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(req.body);
    }
    let res: Response;
    try {
      res = await fetchImpl(url, init);
    } catch {
      return UNAVAILABLE;
    }
    return toReply(res);
  };
}

export async function toReply(res: Response): Promise<PreviewReply> {
  if (res.status === 204 || res.status === 205) return { status: res.status, body: null };
  const type = res.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
    }
    if (res.ok) return { status: res.status, body: await res.blob() };
    return {
      status: res.status,
      body: { error: { code: `http_${res.status}`, message: `The preview call failed (HTTP ${res.status}).` } },
    };
  } catch {
    return UNAVAILABLE;
  }
}
