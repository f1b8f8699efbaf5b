import { and, eq, isNull, sql } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { issueToken, secretMatches, splitToken } from "../auth/token";
import { MAX_TOKEN_ATTEMPTS, type TokenUse } from "../auth/token-use";
import { emailTokens } from "../db/do-schema";

/**
 * Single-use, expiring, hashed email tokens for verification and password reset (T26). The token
 * is `<id>.<secret>`; only the secret's hash is stored; wrong secrets count against the token and
 * burn it after a few tries; using one marks it used in the same statement that checks it.
 */

export type EmailTokenKind = "verify" | "reset";

export const TOKEN_TTL_MS: Record<EmailTokenKind, number> = { verify: 24 * 60 * 60 * 1000, reset: 60 * 60 * 1000 };
export { MAX_TOKEN_ATTEMPTS, type TokenUse };

export function issueEmailToken(
  db: DrizzleSqliteDODatabase,
  userId: string,
  kind: EmailTokenKind,
  now: number,
): string {
  const issued = issueToken();
  db.transaction((tx) => {
    // A new link replaces older unused ones of the same kind: only the latest mail works.
    tx.update(emailTokens)
      .set({ usedAt: now })
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt)))
      .run();
    tx.insert(emailTokens)
      .values({
        id: issued.id,
        userId,
        kind,
        secretHash: issued.secretHash,
        createdAt: now,
        expiresAt: now + TOKEN_TTL_MS[kind],
      })
      .run();
  });
  return issued.token;
}

/**
 * Checks a token without using it: wrong secrets still count against it (so checking is not a
 * free guessing oracle). Routes check first, spend their hash budget, then consume.
 */
export function checkEmailToken(
  db: DrizzleSqliteDODatabase,
  token: string,
  kind: EmailTokenKind,
  now: number,
): TokenUse {
  return redeemToken(db, token, kind, now, { consume: false });
}

export function consumeEmailToken(
  db: DrizzleSqliteDODatabase,
  token: string,
  kind: EmailTokenKind,
  now: number,
): TokenUse {
  return redeemToken(db, token, kind, now, { consume: true });
}

function redeemToken(
  db: DrizzleSqliteDODatabase,
  token: string,
  kind: EmailTokenKind,
  now: number,
  options: { consume: boolean },
): TokenUse {
  const parts = splitToken(token);
  if (!parts) return { ok: false, reason: "invalid" };
  return db.transaction((tx): TokenUse => {
    const row = tx
      .select()
      .from(emailTokens)
      .where(and(eq(emailTokens.id, parts.id), eq(emailTokens.kind, kind)))
      .get();
    if (!row) return { ok: false, reason: "invalid" };
    if (row.attempts >= MAX_TOKEN_ATTEMPTS) return { ok: false, reason: "too_many_attempts" };
    if (!secretMatches(parts.secret, row.secretHash)) {
      tx.update(emailTokens)
        .set({ attempts: sql`${emailTokens.attempts} + 1` })
        .where(eq(emailTokens.id, row.id))
        .run();
      return { ok: false, reason: "invalid" };
    }
    if (row.usedAt !== null) return { ok: false, reason: "used" };
    if (row.expiresAt <= now) return { ok: false, reason: "expired" };
    if (options.consume) tx.update(emailTokens).set({ usedAt: now }).where(eq(emailTokens.id, row.id)).run();
    return { ok: true, userId: row.userId };
  });
}

/**
 * Ends every outstanding token of a kind for a user: after a password reset or change, no reset
 * link mailed before it still works (T26), even one requested while the reset was running.
 */
export function revokeEmailTokens(
  db: DrizzleSqliteDODatabase,
  userId: string,
  kind: EmailTokenKind,
  now: number,
): void {
  db.update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.kind, kind), isNull(emailTokens.usedAt)))
    .run();
}
