import type { ServedApp } from "./queries";

/**
 * The isolate's copy of Host → app, so that the app origin's hot path (assets, the shared vendor
 * files, `/_api/*`) reads no D1 row. What keeps it honest (docs/design.md, "Serving from a cache"):
 *   - the isolate that handles a publish, rollback, rename or delete drops its entry at once;
 *   - every other isolate learns of a change on its next document or API request, which the
 *     app's Durable Object checks against the revision it was told (worker/app/resolve.ts);
 *   - an entry lives at most `ttlMs`, which bounds what neither of those covers (an asset-only
 *     visitor of an app whose R2 purge failed, a creator's email change).
 * Entries are keyed by slug, or by `customHostKey` for a custom domain (docs/domains.md).
 * Deleted and unknown slugs are cached too, shorter, so a flood of bogus hosts costs one read
 * per slug and window, not one per request.
 */

/** A custom domain's entry: slugs are single DNS labels, so no slug can take this shape. */
export const customHostKey = (hostname: string): string => `host:${hostname}`;

export type CachedLookup = { kind: "app"; app: ServedApp } | { kind: "deleted" } | { kind: "unknown" };

interface Entry {
  lookup: CachedLookup;
  expiresAt: number;
}

export interface ServedCacheOptions {
  ttlMs: number;
  /** How long a slug that names no app stays known as such. */
  missTtlMs: number;
  maxEntries: number;
}

export const SERVED_CACHE_DEFAULTS: ServedCacheOptions = { ttlMs: 60_000, missTtlMs: 5_000, maxEntries: 5_000 };

export class ServedAppCache {
  private readonly entries = new Map<string, Entry>();
  /** D1 lookups this cache asked for: what the bench and the tests read. */
  loads = 0;

  constructor(private readonly options: ServedCacheOptions = SERVED_CACHE_DEFAULTS) {}

  get(slug: string, now: number): CachedLookup | null {
    const entry = this.entries.get(slug);
    if (!entry) return null;
    if (entry.expiresAt <= now) {
      this.entries.delete(slug);
      return null;
    }
    return entry.lookup;
  }

  put(slug: string, lookup: CachedLookup, now: number): void {
    this.entries.delete(slug);
    // Map keeps insertion order: the first key is the oldest entry.
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    const ttl = lookup.kind === "app" ? this.options.ttlMs : this.options.missTtlMs;
    this.entries.set(slug, { lookup, expiresAt: now + ttl });
  }

  forget(slug: string): void {
    this.entries.delete(slug);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The isolate's one cache; the studio's change routes and the app router share it. */
export const servedApps = new ServedAppCache();
