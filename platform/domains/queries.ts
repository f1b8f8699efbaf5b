import { and, eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { nextRevision } from "../apps/queries";
import { apps, domains } from "../db/d1-schema";

/** D1 access to the `domains` table: the one place its rows are read or written. */

type Db = D1Database;
export type DomainRow = typeof domains.$inferSelect;
export type DomainStatus = DomainRow["status"];

export async function domainOf(db: Db, appId: string): Promise<DomainRow | null> {
  return (await drizzle(db).select().from(domains).where(eq(domains.appId, appId)).get()) ?? null;
}

/** The app holding a PROVEN claim (verifying or active) on the hostname, if any. */
export async function provenHolder(db: Db, hostname: string): Promise<string | null> {
  const row = await drizzle(db)
    .select({ appId: domains.appId })
    .from(domains)
    .where(and(eq(domains.hostname, hostname), inArray(domains.status, ["verifying", "active"])))
    .get();
  return row?.appId ?? null;
}

/** False when the app already has a domain (one per app; the primary key decides races). */
export async function insertDomain(
  db: Db,
  input: { appId: string; hostname: string; token: string },
): Promise<boolean> {
  const row = await drizzle(db)
    .insert(domains)
    .values({ ...input, status: "pending", createdAt: Date.now() })
    .onConflictDoNothing()
    .returning({ appId: domains.appId })
    .get();
  return row !== undefined;
}

/** Drizzle wraps D1's error: the constraint's words are somewhere down the `cause` chain. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  }
  return false;
}

export type ClaimResult = { ok: true } | { ok: false; reason: "taken" | "gone" };

/**
 * pending|failed → verifying, once the proof passed. The partial unique index on proven
 * hostnames decides a race between two apps that both proved the same name: one wins (T55).
 */
export async function claimDomain(db: Db, appId: string, now: number): Promise<ClaimResult> {
  try {
    const row = await drizzle(db)
      .update(domains)
      .set({ status: "verifying", verifiedAt: now, checkedAt: now, lastError: null })
      .where(and(eq(domains.appId, appId), inArray(domains.status, ["pending", "failed"])))
      .returning({ appId: domains.appId })
      .get();
    return row ? { ok: true } : { ok: false, reason: "gone" };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: "taken" };
    throw err;
  }
}

export async function recordCheck(
  db: Db,
  appId: string,
  change: { status?: DomainStatus; cloudflareId?: string; lastError: string | null },
  now: number,
): Promise<void> {
  await drizzle(db)
    .update(domains)
    .set({ ...change, checkedAt: now })
    .where(eq(domains.appId, appId));
}

/**
 * verifying → active and a new serving revision for the app, in one batch: every isolate's copy
 * of the app is stale from here on, so its slug host starts redirecting at once. Null when the
 * row was no longer verifying (removed meanwhile).
 */
export async function activateDomain(db: Db, appId: string, now: number): Promise<number | null> {
  const orm = drizzle(db);
  const [activated, bumped] = await orm.batch([
    orm
      .update(domains)
      .set({ status: "active", checkedAt: now, lastError: null })
      .where(and(eq(domains.appId, appId), eq(domains.status, "verifying")))
      .returning({ appId: domains.appId }),
    orm
      .update(apps)
      .set({ updatedAt: nextRevision(now) })
      .where(eq(apps.id, appId))
      .returning({ revision: apps.updatedAt }),
  ]);
  return activated.length > 0 ? (bumped[0]?.revision ?? null) : null;
}

/** Deletes the app's domain and moves its serving revision; null when there was none. */
export async function deleteDomain(
  db: Db,
  appId: string,
  now: number,
): Promise<{ row: DomainRow; revision: number } | null> {
  const orm = drizzle(db);
  const [deleted, bumped] = await orm.batch([
    orm.delete(domains).where(eq(domains.appId, appId)).returning(),
    orm
      .update(apps)
      .set({ updatedAt: nextRevision(now) })
      .where(eq(apps.id, appId))
      .returning({ revision: apps.updatedAt }),
  ]);
  const row = deleted[0];
  const revision = bumped[0]?.revision;
  return row && revision !== undefined ? { row, revision } : null;
}

/** Domains waiting on Cloudflare, with their app, for the scheduled poll. */
export async function verifyingDomains(
  db: Db,
  limit: number,
): Promise<Array<{ app: { id: string; slug: string }; row: DomainRow }>> {
  const rows = await drizzle(db)
    .select({ row: domains, id: apps.id, slug: apps.slug })
    .from(domains)
    .innerJoin(apps, eq(apps.id, domains.appId))
    .where(eq(domains.status, "verifying"))
    .limit(limit);
  return rows.map((r) => ({ app: { id: r.id, slug: r.slug }, row: r.row }));
}
