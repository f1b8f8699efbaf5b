import { eq, sql } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { counters } from "../db/do-schema";

/**
 * Usage counters and request windows. All of these are synchronous SQLite calls in the app's
 * Durable Object: called inside one `transactionSync` with the write they guard, no other request
 * can run between the check and the write, so parallel requests cannot overspend (T48).
 */

// biome-ignore lint/suspicious/noExplicitAny: the database and its transactions share this shape
export type Db = BaseSQLiteDatabase<"sync", any>;

export const counterKeys = {
  /** Creates one user made in a collection in the current hour's window (T69). */
  creates: (collection: string, ownerId: string | null): string => `creates:${collection}:${ownerId ?? "anonymous"}`,
  docs: (collection: string, ownerId: string | null): string => `docs:${collection}:${ownerId ?? "anonymous"}`,
  /** Documents one owner holds across the collections an app-wide quota counts. */
  quota: (quotaId: string, ownerId: string | null): string => `quota:${quotaId}:${ownerId ?? "anonymous"}`,
  userBytes: (userId: string): string => `bytes:user:${userId}`,
  appBytes: "bytes:app",
};

export function readCounter(db: Db, key: string): number {
  return db.select({ value: counters.value }).from(counters).where(eq(counters.key, key)).get()?.value ?? 0;
}

/** Adds `delta` (may be negative); the stored value never drops below zero. */
export function addToCounter(db: Db, key: string, delta: number): void {
  db.insert(counters)
    .values({ key, value: Math.max(0, delta) })
    .onConflictDoUpdate({ target: counters.key, set: { value: sql`max(0, ${counters.value} + ${delta})` } })
    .run();
}

const RATE_SQL = `INSERT INTO rate_windows (key, count, window_start) VALUES (?1, 1, ?2)
ON CONFLICT(key) DO UPDATE SET
  count = CASE WHEN rate_windows.window_start <= ?3 THEN 1 ELSE rate_windows.count + 1 END,
  window_start = CASE WHEN rate_windows.window_start <= ?3 THEN ?2 ELSE rate_windows.window_start END
RETURNING count, window_start`;

export interface WindowCount {
  count: number;
  windowStart: number;
}

/** Counts one request in a fixed window, atomically, and returns the count including it. */
export function hitWindow(storage: SqlStorage, key: string, now: number, windowMs: number): WindowCount {
  const row = storage.exec<{ count: number; window_start: number }>(RATE_SQL, key, now, now - windowMs).one();
  return { count: row.count, windowStart: row.window_start };
}
