import { asc, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { apps, appVersions } from "../db/d1-schema";
import { nextRevision } from "./queries";

/** An app's published versions in D1; their files are in R2 (r2-keys.ts) and never deleted. */

type Db = D1Database;

export interface VersionRow {
  version: number;
  createdAt: number;
  hash: string;
  bytes: number;
}

/** Hands out the next version number; D1 applies the increment atomically, so no two publishes share one. */
export async function reserveVersion(db: Db, appId: string): Promise<number> {
  const row = await drizzle(db)
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
 * version row and the pointer move together, and only after every R2 object exists. Returns the
 * app's new serving revision (queries.ts `revision`).
 */
export async function commitVersion(
  db: Db,
  input: { appId: string; version: number; hash: string; bytes: number },
): Promise<number> {
  const orm = drizzle(db);
  const now = Date.now();
  const [, moved] = await orm.batch([
    orm
      .insert(appVersions)
      .values({ appId: input.appId, version: input.version, hash: input.hash, bytes: input.bytes, createdAt: now }),
    orm
      .update(apps)
      .set({ currentVersion: input.version, updatedAt: nextRevision(now) })
      .where(eq(apps.id, input.appId))
      .returning({ revision: apps.updatedAt }),
  ]);
  return moved[0]?.revision ?? now;
}

export async function listVersions(db: Db, appId: string): Promise<VersionRow[]> {
  return drizzle(db)
    .select({
      version: appVersions.version,
      createdAt: appVersions.createdAt,
      hash: appVersions.hash,
      bytes: appVersions.bytes,
    })
    .from(appVersions)
    .where(eq(appVersions.appId, appId))
    .orderBy(asc(appVersions.version));
}

/** Points the app at an existing version: its new serving revision, or null when it has no such version. */
export async function moveCurrentVersion(db: Db, appId: string, version: number): Promise<number | null> {
  const moved = await db
    .prepare(
      "UPDATE apps SET current_version = ?2, updated_at = max(updated_at + 1, ?3) WHERE id = ?1 " +
        "AND EXISTS (SELECT 1 FROM app_versions WHERE app_id = ?1 AND version = ?2) RETURNING updated_at",
    )
    .bind(appId, version, Date.now())
    .first<{ updated_at: number }>();
  return moved?.updated_at ?? null;
}
