import { eq } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import type { SessionRow, SessionStore } from "../auth/session";
import { HIT_SQL, type AttemptCount, type ThrottleStore } from "../auth/throttle";
import { sessions } from "../db/do-schema";

/** End users' sessions in the app's own Durable Object: a session cannot exist in another app (T13–T15). */
export function doSessionStore(db: DrizzleSqliteDODatabase): SessionStore {
  return {
    async insert(row: SessionRow): Promise<void> {
      db.insert(sessions).values(row).run();
    },
    async get(id: string): Promise<SessionRow | null> {
      return db.select().from(sessions).where(eq(sessions.id, id)).get() ?? null;
    },
    async setExpiry(id: string, expiresAt: number): Promise<void> {
      db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
    },
    async delete(id: string): Promise<void> {
      db.delete(sessions).where(eq(sessions.id, id)).run();
    },
    async deleteForUser(userId: string): Promise<void> {
      db.delete(sessions).where(eq(sessions.userId, userId)).run();
    },
  };
}

/** The same atomic statement as the studio's D1 store; SQLite in a Durable Object speaks it too. */
export function doThrottleStore(sql: SqlStorage): ThrottleStore {
  return {
    async hit(key: string, now: number, windowMs: number): Promise<AttemptCount> {
      const row = sql.exec<{ attempts: number; window_start: number }>(HIT_SQL, key, now, now - windowMs).one();
      return { attempts: row.attempts, windowStart: row.window_start };
    },
    async clear(key: string): Promise<void> {
      sql.exec("DELETE FROM login_throttle WHERE key = ?1", key);
    },
  };
}
