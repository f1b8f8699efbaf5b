/**
 * Canary values planted in one principal's data, and who may legitimately see each one. Every
 * response a watched client reads is searched for every canary its viewer may not see (T04, T11,
 * T12, T13): a leak fails wherever it happens, not only where a test looks for it.
 */

/** Who is looking: an end user of one app, a signed-out visitor, or a creator in the studio. */
export type Viewer =
  | { kind: "user"; app: string; user: string }
  | { kind: "anonymous"; app: string }
  | { kind: "creator"; creator: string };

export interface Leak {
  canary: string;
  what: string;
  viewer: string;
}

const keyOf = (viewer: Viewer): string =>
  viewer.kind === "user"
    ? `user:${viewer.app}/${viewer.user}`
    : viewer.kind === "anonymous"
      ? `anonymous:${viewer.app}`
      : `creator:${viewer.creator}`;

export class CanaryLedger {
  private readonly allowed = new Map<string, Set<string>>();
  readonly leaks: Leak[] = [];
  /** Responses searched, per viewer kind: the report shows how much was tried. */
  readonly searched = new Map<Viewer["kind"], number>();

  /** A fresh value that only `seenBy` may ever read (none: nobody, e.g. a password). */
  plant(label: string, seenBy: Viewer[]): string {
    const value = `canary${label.toLowerCase().replace(/[^a-z0-9]/g, "")}${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;
    this.allowed.set(value, new Set(seenBy.map(keyOf)));
    return value;
  }

  /** Records every canary in `text` that `viewer` may not see. */
  search(viewer: Viewer, text: string, what: string): void {
    this.searched.set(viewer.kind, (this.searched.get(viewer.kind) ?? 0) + 1);
    const key = keyOf(viewer);
    for (const [canary, seenBy] of this.allowed) {
      if (!seenBy.has(key) && text.includes(canary)) this.leaks.push({ canary, what, viewer: key });
    }
  }

  /** Searches a response's status line, headers and body (a clone: the caller can still read it). */
  async searchResponse(viewer: Viewer, res: Response, what: string): Promise<void> {
    const headers = [...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
    const type = res.headers.get("content-type") ?? "";
    const body = res.body && !type.includes("text/event-stream") ? await res.clone().text() : "";
    this.search(viewer, `${headers}\n${body}`, what);
  }
}
