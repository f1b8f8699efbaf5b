import { deleteAppObjects, markPurged, markPurgeFailed, pendingPurges } from "../apps/deletion";
import type { Env } from "../env";
import { appStub } from "./stubs";

/**
 * The data half of deleting an app (T46): both of its Durable Objects (the live one and the
 * studio preview's copy) drop all their storage, then every R2 object under `apps/<id>/` goes.
 * Each step can be repeated, so a purge that fails part way is simply run again, by the next
 * scheduled run (`scheduled` in platform/index.ts) until `app_deletions.completed_at` is set.
 */
export async function purgeApp(
  env: Env,
  appId: string,
  now: number,
): Promise<{ ok: true; objects: number } | { ok: false; error: string }> {
  try {
    await appStub(env, appId).destroy();
    await appStub(env, appId, { copy: "preview" }).destroy();
    const objects = await deleteAppObjects(env.BUCKET, appId);
    await markPurged(env.DB, appId, now);
    return { ok: true, objects };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.error("app purge failed; the scheduled run will retry", appId, error);
    await markPurgeFailed(env.DB, appId, error);
    return { ok: false, error };
  }
}

/** Finishes purges that did not complete when the app was deleted. */
export async function resumePurges(env: Env, now: number, limit = 5): Promise<number> {
  let done = 0;
  for (const appId of await pendingPurges(env.DB, limit)) if ((await purgeApp(env, appId, now)).ok) done += 1;
  return done;
}
