import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { creatorSessions } from "../db/d1-schema";
import type { SessionRow, SessionStore } from "./session";
import { HIT_SQL, type AttemptCount, type ThrottleStore } from "./throttle";

/** Creators' sessions in D1. */
export function d1SessionStore(db: D1Database): SessionStore {
  const orm = drizzle(db);
  return {
    async insert(row: SessionRow): Promise<void> {
      await orm.insert(creatorSessions).values({
        id: row.id,
        creatorId: row.userId,
        secretHash: row.secretHash,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
      });
    },
    async get(id: string): Promise<SessionRow | null> {
      const row = await orm.select().from(creatorSessions).where(eq(creatorSessions.id, id)).get();
      return row
        ? {
            id: row.id,
            userId: row.creatorId,
            secretHash: row.secretHash,
            createdAt: row.createdAt,
            expiresAt: row.expiresAt,
          }
        : null;
    },
    async setExpiry(id: string, expiresAt: number): Promise<void> {
      await orm.update(creatorSessions).set({ expiresAt }).where(eq(creatorSessions.id, id));
    },
    async delete(id: string): Promise<void> {
      await orm.delete(creatorSessions).where(eq(creatorSessions.id, id));
    },
    async deleteForUser(userId: string): Promise<void> {
      await orm.delete(creatorSessions).where(and(eq(creatorSessions.creatorId, userId)));
    },
  };
}

export function d1ThrottleStore(db: D1Database): ThrottleStore {
  return {
    async hit(key: string, now: number, windowMs: number): Promise<AttemptCount> {
      const row = await db
        .prepare(HIT_SQL)
        .bind(key, now, now - windowMs)
        .first<{ attempts: number; window_start: number }>();
      return { attempts: row?.attempts ?? 1, windowStart: row?.window_start ?? now };
    },
    async clear(key: string): Promise<void> {
      await db.prepare("DELETE FROM login_throttle WHERE key = ?1").bind(key).run();
    },
  };
}
