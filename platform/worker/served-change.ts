import { customHostKey, servedApps } from "../apps/served-cache";
import type { Env } from "../env";
import { appStub } from "./stubs";

/**
 * The studio changed what an app's origin serves (publish, rollback, rename): this isolate drops
 * its copy at once, and the app's Durable Object learns the new revision, which is how every other
 * isolate finds out on its next page or API request (worker/app/resolve.ts). If telling the object
 * fails, the change still shows within the cache's lifetime (apps/served-cache.ts): logged, not
 * thrown, because the change itself is already committed in D1.
 */
export async function announceServedChange(
  env: Env,
  app: { id: string; slug: string },
  revision: number,
): Promise<void> {
  servedApps.forget(app.slug);
  try {
    await appStub(env, app.id).announceRevision(revision);
  } catch (err) {
    console.error("announcing a served change failed", app.id, err instanceof Error ? err.message : err);
  }
}

/** A slug was created or its app deleted: this isolate's copy (or cached miss) goes. */
export function forgetServedApp(slug: string): void {
  servedApps.forget(slug);
}

/** A custom domain went live or was removed: this isolate's entry for it (or cached miss) goes. */
export function forgetCustomHost(hostname: string): void {
  servedApps.forget(customHostKey(hostname));
}
