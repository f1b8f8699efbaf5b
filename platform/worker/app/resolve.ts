import { wasDeleted } from "../../apps/deletion";
import { findAppByCustomHost, findAppBySlug } from "../../apps/queries";
import { type CachedLookup, customHostKey, type ServedAppCache } from "../../apps/served-cache";
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
 * A custom domain's removal also moves the app's revision, so both ways see it at once; the app
 * router asks `currentApp` for everything but `/_api/*` on a custom host (T55).
 */

export type Lookup = CachedLookup;

/** What the request's Host named: an app's slug, or a possible custom domain. */
export type ServedKey = { slug: string } | { hostname: string };

const cacheKey = (key: ServedKey): string => ("slug" in key ? key.slug : customHostKey(key.hostname));

async function load(env: Env, cache: ServedAppCache, key: ServedKey, now: number): Promise<Lookup> {
  cache.loads += 1;
  let lookup: Lookup;
  if ("slug" in key) {
    const app = await findAppBySlug(env.DB, key.slug);
    lookup = app
      ? { kind: "app", app }
      : (await wasDeleted(env.DB, key.slug))
        ? { kind: "deleted" }
        : { kind: "unknown" };
  } else {
    const app = await findAppByCustomHost(env.DB, key.hostname);
    lookup = app ? { kind: "app", app } : { kind: "unknown" };
  }
  cache.put(cacheKey(key), lookup, now);
  return lookup;
}

export async function cachedApp(env: Env, cache: ServedAppCache, key: ServedKey): Promise<Lookup> {
  const now = Date.now();
  return cache.get(cacheKey(key), now) ?? load(env, cache, key, now);
}

/** Drops the isolate's copy and reads the row again: after the app's object called the copy stale. */
export function reloadApp(env: Env, cache: ServedAppCache, key: ServedKey): Promise<Lookup> {
  cache.forget(cacheKey(key));
  return load(env, cache, key, Date.now());
}

export async function currentApp(env: Env, cache: ServedAppCache, key: ServedKey): Promise<Lookup> {
  const now = Date.now();
  const cached = cache.get(cacheKey(key), now);
  // A host that named no app may name one now; pages never trust a cached miss.
  if (!cached || cached.kind !== "app") return load(env, cache, key, now);
  const state = await appStub(env, cached.app.id).servedState();
  if (state.deleted) {
    // A custom domain of a deleted app is simply unknown (its row went with the app).
    const gone: Lookup = "slug" in key ? { kind: "deleted" } : { kind: "unknown" };
    cache.put(cacheKey(key), gone, now);
    return gone;
  }
  return state.revision > cached.app.revision ? reloadApp(env, cache, key) : cached;
}
