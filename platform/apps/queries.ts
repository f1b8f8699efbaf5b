import { and, asc, count, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { apps, creators } from "../db/d1-schema";

/**
 * D1 access to the `apps` table: the one place its rows are read or written. Every lookup a
 * creator can trigger is keyed by (creator, slug): another creator's app is indistinguishable
 * from a missing one (T15). The app origin looks apps up by slug alone, from the validated Host.
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

/** An app as its origin serves it: the row and its creator's email, for `creator` rules. */
export interface ServedApp extends AppRow {
  /** Lets the creator use `creator` rules in their own app, once they verify this address there. */
  creatorEmail: string;
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

type Db = D1Database;

export type CreateAppResult = { ok: true; app: AppRow } | { ok: false; reason: "taken" };

/** For the app origin: slug from the validated Host (I3, T47). */
export async function findAppBySlug(db: Db, slug: string): Promise<ServedApp | null> {
  const row = await drizzle(db)
    .select({ ...appColumns, creatorEmail: creators.email })
    .from(apps)
    .innerJoin(creators, eq(creators.id, apps.creatorId))
    .where(eq(apps.slug, slug))
    .get();
  return row ?? null;
}

/** For the webhook path: the id comes from event metadata, which routing cross-checks (T38). */
export async function findAppById(db: Db, id: string): Promise<AppRow | null> {
  return (await drizzle(db).select(appColumns).from(apps).where(eq(apps.id, id)).get()) ?? null;
}

export async function findOwnedApp(db: Db, creatorId: string, slug: string): Promise<AppRow | null> {
  const row = await drizzle(db)
    .select(appColumns)
    .from(apps)
    .where(and(eq(apps.slug, slug), eq(apps.creatorId, creatorId)))
    .get();
  return row ?? null;
}

export async function countAppsOf(db: Db, creatorId: string): Promise<number> {
  const row = await drizzle(db).select({ n: count() }).from(apps).where(eq(apps.creatorId, creatorId)).get();
  return row?.n ?? 0;
}

export async function listAppsOf(db: Db, creatorId: string): Promise<AppRow[]> {
  return drizzle(db).select(appColumns).from(apps).where(eq(apps.creatorId, creatorId)).orderBy(asc(apps.createdAt));
}

export async function insertApp(
  db: Db,
  input: { creatorId: string; slug: string; name: string; templateId: string },
): Promise<CreateAppResult> {
  const now = Date.now();
  const row = { id: crypto.randomUUID(), ...input, currentVersion: null, createdAt: now, updatedAt: now };
  // The unique index on slug decides races between two creators asking for the same name.
  const inserted = await drizzle(db).insert(apps).values(row).onConflictDoNothing().returning(appColumns).get();
  return inserted ? { ok: true, app: inserted } : { ok: false, reason: "taken" };
}
