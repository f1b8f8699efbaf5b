import { wasDeleted } from "../../apps/deletion";
import { findAppBySlug } from "../../apps/queries";
import type { CachedLookup, ServedAppCache } from "../../apps/served-cache";
import type { Env } from "../../env";
import { appStub } from "../stubs";

/**
 * Host → app for the app origin, from the isolate's cache (apps/served-cache.ts), D1 only on a
 * miss. Two ways to ask, by what the request is for:
 *   - `cachedApp`: assets, vendor files, `/_api/*`. Assets are content-hashed and immutable, and
 *     a deleted app's are gone from R2 (strongly consistent) before its delete answers; the API
 *     is checked by the app's own Durable Object, which refuses a stale copy (409 + STALE_HEADER)
 *     and, once the app is deleted, everything.
 *   - `currentApp`: pages. One call to the app's object reads its serving revision and deletion
 *     mark from memory, so a publish, rollback, rename or delete in any isolate shows at once.
 */

export type Lookup = CachedLookup;

async function load(env: Env, cache: ServedAppCache, slug: string, now: number): Promise<Lookup> {
  cache.loads += 1;
  const app = await findAppBySlug(env.DB, slug);
  const lookup: Lookup = app
    ? { kind: "app", app }
    : (await wasDeleted(env.DB, slug))
      ? { kind: "deleted" }
      : { kind: "unknown" };
  cache.put(slug, lookup, now);
  return lookup;
}

export async function cachedApp(env: Env, cache: ServedAppCache, slug: string): Promise<Lookup> {
  const now = Date.now();
  return cache.get(slug, now) ?? load(env, cache, slug, now);
}

/** Drops the isolate's copy and reads the row again: after the app's object called the copy stale. */
export function reloadApp(env: Env, cache: ServedAppCache, slug: string): Promise<Lookup> {
  cache.forget(slug);
  return load(env, cache, slug, Date.now());
}

export async function currentApp(env: Env, cache: ServedAppCache, slug: string): Promise<Lookup> {
  const now = Date.now();
  const cached = cache.get(slug, now);
  // A slug that named no app may name one now; pages never trust a cached miss.
  if (!cached || cached.kind !== "app") return load(env, cache, slug, now);
  const state = await appStub(env, cached.app.id).servedState();
  if (state.deleted) {
    cache.put(slug, { kind: "deleted" }, now);
    return { kind: "deleted" };
  }
  return state.revision > cached.app.revision ? reloadApp(env, cache, slug) : cached;
}
