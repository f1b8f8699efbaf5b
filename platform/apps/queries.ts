import { and, asc, count, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { apps, creators, domains } from "../db/d1-schema";

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
  /** 1 when a deleted app had this slug before (T46); served pages then clear what browsers kept. */
  slugReused: number;
  /**
   * Grows with every change to what the origin serves (publish, rollback, rename): the app
   * object compares it with the one the Worker's cached copy carries (worker/app/resolve.ts).
   */
  revision: number;
}

/** An app as its origin serves it: the row and its creator's email, for `creator` rules. */
export interface ServedApp extends AppRow {
  /** Lets the creator use `creator` rules in their own app, once they verify this address there. */
  creatorEmail: string;
  /** The app's active custom domain (docs/domains.md), or null: where it is served and mail links point. */
  customHost: string | null;
}

const appColumns = {
  id: apps.id,
  slug: apps.slug,
  name: apps.name,
  templateId: apps.templateId,
  creatorId: apps.creatorId,
  currentVersion: apps.currentVersion,
  createdAt: apps.createdAt,
  slugReused: apps.slugReused,
  revision: apps.updatedAt,
};

/**
 * The next serving revision: `updated_at`, made strictly increasing so that two changes in the
 * same millisecond still differ (a cached copy must never look current after a change).
 */
export const nextRevision = (now: number) => sql<number>`max(${apps.updatedAt} + 1, ${now})`;

type Db = D1Database;

export type CreateAppResult =
  | { ok: true; app: AppRow }
  | { ok: false; reason: "taken" }
  | { ok: false; reason: "held"; heldUntil: number };

/** For the app origin: slug from the validated Host (I3, T47). */
export function findAppBySlug(db: Db, slug: string): Promise<ServedApp | null> {
  return findServedApp(db, { slug });
}

/** For the app origin on a custom domain: only an ACTIVE domain names an app (T55). */
export function findAppByCustomHost(db: Db, hostname: string): Promise<ServedApp | null> {
  return findServedApp(db, { hostname });
}

async function findServedApp(db: Db, key: { slug: string } | { hostname: string }): Promise<ServedApp | null> {
  const row = await drizzle(db)
    .select({ ...appColumns, creatorEmail: creators.email, customHost: domains.hostname })
    .from(apps)
    .innerJoin(creators, eq(creators.id, apps.creatorId))
    .leftJoin(domains, and(eq(domains.appId, apps.id), eq(domains.status, "active")))
    .where("slug" in key ? eq(apps.slug, key.slug) : eq(domains.hostname, key.hostname))
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

/** Renames one of the creator's apps; the slug never changes. Null when it is not theirs. */
export async function renameApp(db: Db, creatorId: string, slug: string, name: string): Promise<AppRow | null> {
  const row = await drizzle(db)
    .update(apps)
    .set({ name, updatedAt: nextRevision(Date.now()) })
    .where(and(eq(apps.slug, slug), eq(apps.creatorId, creatorId)))
    .returning(appColumns)
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

/**
 * Creates the app, atomically refusing a slug that is taken (the unique index decides races) or
 * held after another creator deleted it (T46): the hold check is part of the one INSERT, so a
 * delete and a create cannot interleave between check and write. The creator who released a slug
 * may take it back during the hold.
 */
export async function insertApp(
  db: Db,
  input: { creatorId: string; slug: string; name: string; templateId: string },
): Promise<CreateAppResult> {
  const now = Date.now();
  const id = crypto.randomUUID();
  const inserted = await db
    .prepare(
      `INSERT INTO apps (id, slug, name, template_id, creator_id, current_version, last_version, slug_reused,
        stored_bytes, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, NULL, 0, EXISTS (SELECT 1 FROM app_deletions WHERE slug = ?2), 0, ?6, ?6
       WHERE NOT EXISTS (SELECT 1 FROM app_deletions WHERE slug = ?2 AND held_until > ?6 AND creator_id != ?5)
       ON CONFLICT DO NOTHING
       RETURNING id`,
    )
    .bind(id, input.slug, input.name, input.templateId, input.creatorId, now)
    .first<{ id: string }>();
  if (inserted) {
    const app = await drizzle(db).select(appColumns).from(apps).where(eq(apps.id, id)).get();
    if (app) return { ok: true, app };
  }
  const hold = await db
    .prepare(
      "SELECT held_until FROM app_deletions WHERE slug = ? AND held_until > ? AND creator_id != ? ORDER BY " +
        "held_until DESC LIMIT 1",
    )
    .bind(input.slug, now, input.creatorId)
    .first<{ held_until: number }>();
  return hold ? { ok: false, reason: "held", heldUntil: hold.held_until } : { ok: false, reason: "taken" };
}
