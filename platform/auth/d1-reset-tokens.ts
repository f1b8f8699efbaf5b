import { issueToken, secretMatches, splitToken } from "./token";
import { MAX_TOKEN_ATTEMPTS, type TokenUse } from "./token-use";

/**
 * Creators' password-reset tokens in D1 (`creator_email_tokens`), with the rules of the apps'
 * tokens (object/email-tokens.ts): `<id>.<secret>`, only the secret's hash stored, an hour to live,
 * five wrong secrets burn it, single use. D1 has no interactive transactions, so "use it once" is
 * one conditional UPDATE … RETURNING: of two racing resets exactly one gets the row.
 */

export const CREATOR_RESET_TTL_MS = 60 * 60 * 1000;

export async function issueCreatorResetToken(db: D1Database, creatorId: string, now: number): Promise<string> {
  const issued = issueToken();
  await db.batch([
    // Only the latest mail works.
    db
      .prepare(
        "UPDATE creator_email_tokens SET used_at = ?2 WHERE creator_id = ?1 AND kind = 'reset' AND used_at IS NULL",
      )
      .bind(creatorId, now),
    db
      .prepare(
        "INSERT INTO creator_email_tokens (id, creator_id, kind, secret_hash, attempts, created_at, expires_at) " +
          "VALUES (?, ?, 'reset', ?, 0, ?, ?)",
      )
      .bind(issued.id, creatorId, issued.secretHash, now, now + CREATOR_RESET_TTL_MS),
  ]);
  return issued.token;
}

interface TokenRow {
  creator_id: string;
  secret_hash: string;
  attempts: number;
  expires_at: number;
  used_at: number | null;
}

/** Checks without using; a wrong secret counts against the token. */
export async function checkCreatorResetToken(db: D1Database, token: string, now: number): Promise<TokenUse> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, reason: "invalid" };
  const row = await db
    .prepare(
      "SELECT creator_id, secret_hash, attempts, expires_at, used_at FROM creator_email_tokens WHERE id = ? AND " +
        "kind = 'reset'",
    )
    .bind(parts.id)
    .first<TokenRow>();
  if (!row) return { ok: false, reason: "invalid" };
  if (row.attempts >= MAX_TOKEN_ATTEMPTS) return { ok: false, reason: "too_many_attempts" };
  if (!secretMatches(parts.secret, row.secret_hash)) {
    await db.prepare("UPDATE creator_email_tokens SET attempts = attempts + 1 WHERE id = ?").bind(parts.id).run();
    return { ok: false, reason: "invalid" };
  }
  if (row.used_at !== null) return { ok: false, reason: "used" };
  if (row.expires_at <= now) return { ok: false, reason: "expired" };
  return { ok: true, userId: row.creator_id };
}

/** Uses a token that `checkCreatorResetToken` accepted; fails if another request used it first. */
export async function consumeCreatorResetToken(db: D1Database, token: string, now: number): Promise<TokenUse> {
  const checked = await checkCreatorResetToken(db, token, now);
  if (!checked.ok) return checked;
  const parts = splitToken(token)!;
  const won = await db
    .prepare(
      "UPDATE creator_email_tokens SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING " +
        "creator_id",
    )
    .bind(parts.id, now)
    .first<{ creator_id: string }>();
  return won ? { ok: true, userId: won.creator_id } : { ok: false, reason: "used" };
}

export async function revokeCreatorResetTokens(db: D1Database, creatorId: string, now: number): Promise<void> {
  await db
    .prepare("UPDATE creator_email_tokens SET used_at = ?2 WHERE creator_id = ?1 AND used_at IS NULL")
    .bind(creatorId, now)
    .run();
}
