import { and, count, eq, gt, lte } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { pendingSignups } from "../db/do-schema";
import { ApiError } from "../errors";

/**
 * Unverified sign-ups per client (T49): a client may hold at most `perClient` accounts that
 * nobody has verified yet, over a day. Each costs a hash and a mail, and unverified accounts are
 * what a sign-up flood is made of; verifying one (or resetting its password, which proves the
 * address too) frees its place. Locally every browser is one client (127.0.0.1).
 */
export const UNVERIFIED_SIGNUPS = { perClient: 10, windowMs: 24 * 60 * 60 * 1000 } as const;

/** Refuses before any hash is spent; old rows are dropped on the way. */
export function assertSignupAllowed(db: DrizzleSqliteDODatabase, clientTag: string, now: number): void {
  const since = now - UNVERIFIED_SIGNUPS.windowMs;
  db.delete(pendingSignups).where(lte(pendingSignups.createdAt, since)).run();
  const row = db
    .select({ n: count() })
    .from(pendingSignups)
    .where(and(eq(pendingSignups.clientTag, clientTag), gt(pendingSignups.createdAt, since)))
    .get();
  if ((row?.n ?? 0) >= UNVERIFIED_SIGNUPS.perClient) {
    throw new ApiError(
      429,
      "too_many_signups",
      "Too many new accounts from your network are waiting for email confirmation. Confirm one of them, or try " +
        "again tomorrow.",
      {
        headers: { "Retry-After": String(60 * 60) },
      },
    );
  }
}

export function recordPendingSignup(db: DrizzleSqliteDODatabase, userId: string, clientTag: string, now: number): void {
  db.insert(pendingSignups).values({ userId, clientTag, createdAt: now }).onConflictDoNothing().run();
}

export function clearPendingSignup(db: DrizzleSqliteDODatabase, userId: string): void {
  db.delete(pendingSignups).where(eq(pendingSignups.userId, userId)).run();
}
