import { listVersions } from "../apps/versions";
import { r2Keys } from "../apps/r2-keys";
import type { Env } from "../env";

/**
 * What an app's published bundles occupy in R2, and the assets no version uses.
 *
 * Assets are content-hashed and shared by versions, and versions are kept (rollback), so an asset
 * is unused only when the publish that uploaded it never committed (a failed or abandoned one).
 * Each version lists its assets (`versions/<n>/assets.json`); an asset no committed version lists,
 * uploaded more than `graceMs` ago (so a publish still in flight keeps its uploads), is deleted.
 * If any version predates those lists, nothing is collected: it may be using anything.
 */

export const ASSET_COLLECT_GRACE_MS = 60 * 60 * 1000;

async function listAll(bucket: R2Bucket, prefix: string): Promise<R2Object[]> {
  const out: R2Object[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await bucket.list({ prefix, limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.objects);
    if (!page.truncated) return out;
    cursor = page.cursor;
  }
}

export async function collectUnusedAssets(
  env: Pick<Env, "DB" | "BUCKET">,
  appId: string,
  options: { now: number; graceMs?: number },
): Promise<number> {
  const used = new Set<string>();
  for (const v of await listVersions(env.DB, appId)) {
    const list = await env.BUCKET.get(r2Keys.versionAssets(appId, v.version));
    if (!list) return 0;
    const names = JSON.parse(await list.text()) as unknown;
    if (!Array.isArray(names)) return 0;
    for (const n of names) if (typeof n === "string") used.add(n);
  }
  const prefix = r2Keys.assetsPrefix(appId);
  const cutoff = options.now - (options.graceMs ?? ASSET_COLLECT_GRACE_MS);
  const unused = (await listAll(env.BUCKET, prefix))
    .filter((o) => !used.has(o.key.slice(prefix.length)) && o.uploaded.getTime() <= cutoff)
    .map((o) => o.key);
  for (let i = 0; i < unused.length; i += 1000) await env.BUCKET.delete(unused.slice(i, i + 1000));
  return unused.length;
}

/**
 * Measures the app's bundles, versions and saved sources (not end users' uploads, which the app's object counts) and
 * records it.
 */
export async function measureStoredBytes(env: Pick<Env, "DB" | "BUCKET">, appId: string): Promise<number> {
  let bytes = 0;
  for (const part of ["assets/", "versions/", "sources/"])
    for (const o of await listAll(env.BUCKET, `${r2Keys.root(appId)}${part}`)) bytes += o.size;
  await env.DB.prepare("UPDATE apps SET stored_bytes = ? WHERE id = ?").bind(bytes, appId).run();
  return bytes;
}
