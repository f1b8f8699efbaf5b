import { and, asc, count, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { apps, appVersions } from "../db/d1-schema";
import type { Env } from "../env";

/**
 * D1 access for apps and their versions. Every lookup a creator can trigger is keyed by
 * (creator, slug): another creator's app is indistinguishable from a missing one (T15).
 */

export interface AppRow {
  id: string;
  slug: string;
  name: string;
  templateId: string;
  creatorId: string;
  currentVersion: number | null;
  createdAt: number;
}

const appColumns = {
  id: apps.id,
  slug: apps.slug,
  name: apps.name,
  templateId: apps.templateId,
  creatorId: apps.creatorId,
  currentVersion: apps.currentVersion,
  createdAt: apps.createdAt,
};

export type CreateAppResult = { ok: true; app: AppRow } | { ok: false; reason: "taken" };

export async function countAppsOf(env: Env, creatorId: string): Promise<number> {
  const row = await drizzle(env.DB).select({ n: count() }).from(apps).where(eq(apps.creatorId, creatorId)).get();
  return row?.n ?? 0;
}

export async function insertApp(env: Env, input: { creatorId: string; slug: string; name: string; templateId: string }): Promise<CreateAppResult> {
  const now = Date.now();
  const row = { id: crypto.randomUUID(), ...input, currentVersion: null, createdAt: now, updatedAt: now };
  // The unique index on slug decides races between two creators asking for the same name.
  const inserted = await drizzle(env.DB).insert(apps).values(row).onConflictDoNothing().returning(appColumns).get();
  return inserted ? { ok: true, app: inserted } : { ok: false, reason: "taken" };
}

export async function listAppsOf(env: Env, creatorId: string): Promise<AppRow[]> {
  return drizzle(env.DB).select(appColumns).from(apps).where(eq(apps.creatorId, creatorId)).orderBy(asc(apps.createdAt));
}

export async function findOwnedApp(env: Env, creatorId: string, slug: string): Promise<AppRow | null> {
  const row = await drizzle(env.DB)
    .select(appColumns)
    .from(apps)
    .where(and(eq(apps.slug, slug), eq(apps.creatorId, creatorId)))
    .get();
  return row ?? null;
}

/** Hands out the next version number; D1 applies the increment atomically, so no two publishes share one. */
export async function reserveVersion(env: Env, appId: string): Promise<number> {
  const row = await drizzle(env.DB)
    .update(apps)
    .set({ lastVersion: sql`${apps.lastVersion} + 1` })
    .where(eq(apps.id, appId))
    .returning({ version: apps.lastVersion })
    .get();
  if (!row) throw new Error(`app ${appId} vanished while publishing`);
  return row.version;
}

/**
 * Records a fully written version and makes it live, in one D1 batch (a transaction): the
 * version row and the pointer move together, and only after every R2 object exists.
 */
export async function commitVersion(env: Env, input: { appId: string; version: number; hash: string; bytes: number }): Promise<void> {
  const orm = drizzle(env.DB);
  const now = Date.now();
  await orm.batch([
    orm.insert(appVersions).values({ appId: input.appId, version: input.version, hash: input.hash, bytes: input.bytes, createdAt: now }),
    orm.update(apps).set({ currentVersion: input.version, updatedAt: now }).where(eq(apps.id, input.appId)),
  ]);
}

export interface VersionRow {
  version: number;
  createdAt: number;
  hash: string;
  bytes: number;
}

export async function listVersions(env: Env, appId: string): Promise<VersionRow[]> {
  return drizzle(env.DB)
    .select({ version: appVersions.version, createdAt: appVersions.createdAt, hash: appVersions.hash, bytes: appVersions.bytes })
    .from(appVersions)
    .where(eq(appVersions.appId, appId))
    .orderBy(asc(appVersions.version));
}

/** Points the app at an existing version; false when the app has no such version. */
export async function moveCurrentVersion(env: Env, appId: string, version: number): Promise<boolean> {
  const moved = await env.DB.prepare(
    "UPDATE apps SET current_version = ?2, updated_at = ?3 WHERE id = ?1 AND EXISTS (SELECT 1 FROM app_versions WHERE app_id = ?1 AND version = ?2) RETURNING id",
  )
    .bind(appId, version, Date.now())
    .first<{ id: string }>();
  return moved !== null;
}
