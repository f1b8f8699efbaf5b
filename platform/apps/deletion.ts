import { r2Keys } from "./r2-keys";

/**
 * Deleting an app (T46), the D1 half. One batch records the deletion (which holds the slug) and
 * removes the app's rows, so from that instant its origin serves nothing, its webhooks route
 * nowhere and its slug is held; the purge of its Durable Objects and R2 objects follows and is
 * resumable (worker/app-purge.ts), tracked by `completed_at`.
 */

/** How long a released slug stays unavailable to other creators. */
export const SLUG_HOLD_MS = 30 * 24 * 60 * 60 * 1000;

export async function releaseApp(
  db: D1Database,
  app: { id: string; slug: string; creatorId: string },
  now: number,
): Promise<{ heldUntil: number }> {
  const heldUntil = now + SLUG_HOLD_MS;
  await db.batch([
    db
      .prepare("INSERT INTO app_deletions (app_id, slug, creator_id, deleted_at, held_until) VALUES (?, ?, ?, ?, ?)")
      .bind(app.id, app.slug, app.creatorId, now, heldUntil),
    db.prepare("DELETE FROM app_versions WHERE app_id = ?").bind(app.id),
    db.prepare("DELETE FROM apps WHERE id = ?").bind(app.id),
  ]);
  return { heldUntil };
}

/** Whether a slug that names no app was used by a deleted one (its origin then says so: 410). */
export async function wasDeleted(db: D1Database, slug: string): Promise<boolean> {
  return (await db.prepare("SELECT 1 FROM app_deletions WHERE slug = ? LIMIT 1").bind(slug).first()) !== null;
}

export async function pendingPurges(db: D1Database, limit: number): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT app_id FROM app_deletions WHERE completed_at IS NULL ORDER BY deleted_at LIMIT ?")
    .bind(limit)
    .all<{ app_id: string }>();
  return results.map((r) => r.app_id);
}

export async function markPurged(db: D1Database, appId: string, now: number): Promise<void> {
  await db
    .prepare("UPDATE app_deletions SET completed_at = ?, last_error = NULL WHERE app_id = ?")
    .bind(now, appId)
    .run();
}

export async function markPurgeFailed(db: D1Database, appId: string, error: string): Promise<void> {
  await db.prepare("UPDATE app_deletions SET last_error = ? WHERE app_id = ?").bind(error.slice(0, 500), appId).run();
}

/** Deletes every R2 object under the app's prefix, a page of up to 1000 at a time. */
export async function deleteAppObjects(bucket: R2Bucket, appId: string): Promise<number> {
  const prefix = r2Keys.root(appId);
  let deleted = 0;
  for (;;) {
    const page = await bucket.list({ prefix, limit: 1000 });
    if (page.objects.length === 0) return deleted;
    await bucket.delete(page.objects.map((o) => o.key));
    deleted += page.objects.length;
    if (!page.truncated) return deleted;
  }
}
