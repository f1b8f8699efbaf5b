import type { PreviewReply } from "../../../sandbox/preview/host";

/**
 * Which pages the studio may open for the preview. The app's code runs in the frame and can send
 * `sandlot:navigate` with any URL; the only pages the SDK opens are the checkout and billing portal
 * that the server just returned to this preview. So the studio opens a URL only if it came back in
 * the body of this frame's own checkout or portal call, and each such URL once (T28, T31).
 */
export interface NavigationGate {
  /** Notes the URL a billing answer offers. */
  record(path: string, reply: PreviewReply): void;
  /** True once for a URL the server offered; false for anything else. */
  take(url: string): boolean;
}

const BILLING_PATH = /^\/_api\/billing\/(checkout|portal)$/;

export function createNavigationGate(): NavigationGate {
  const offered = new Set<string>();
  return {
    record(path, reply) {
      if (!BILLING_PATH.test(path) || reply.status < 200 || reply.status > 299) return;
      const url = (reply.body as { url?: unknown } | null)?.url;
      if (typeof url === "string" && /^https?:\/\//.test(url)) offered.add(url);
    },
    take(url) {
      return offered.delete(url);
    },
  };
}
