import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { writeSessionCookie } from "../../auth/cookies";
import {
  checkCreatorResetToken,
  consumeCreatorResetToken,
  issueCreatorResetToken,
  revokeCreatorResetTokens,
} from "../../auth/d1-reset-tokens";
import { d1SessionStore, d1ThrottleStore } from "../../auth/d1-stores";
import { spendHashes } from "../../auth/hash-budget";
import { hashCostOf, hashPassword, verifyPassword } from "../../auth/password";
import { createSession } from "../../auth/session";
import { LOGIN_POLICY, throttleVerdict } from "../../auth/throttle";
import { tokenError } from "../../auth/token-use";
import { apiTokens, creators } from "../../db/d1-schema";
import { ApiError, tooManyRequests } from "../../errors";
import { jsonBody } from "../../http/body";
import { clientTag } from "../../http/client-key";
import { creatorResetMail } from "../../mail/studio-messages";
import { studioMailbox } from "../stubs";
import {
  CREATOR_COOKIE,
  publicCreator,
  requireSessionCreator,
  studioOrigin,
  type StudioContext,
  type StudioEnv,
} from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";

/**
 * A creator's password: change it (signed in), or reset it from a mailed link (signed out).
 * Either way the new password ends every session and revokes every API token — whoever held the
 * old password, or a token made with it, loses the account (T25) — and ends every other reset
 * link (T26). Tokens are checked before anything is hashed, and every hash is charged to the
 * studio's hash budget first (T49).
 */
export const passwordRoutes = new Hono<StudioEnv>();

/** Reset mails per account per hour; over it the answer stays the same (T21). */
const RESET_MAIL_POLICY = { maxAttempts: 5, windowMs: 60 * 60 * 1000 } as const;

const clientOf = (c: StudioContext): string => clientTag(c.req.header("cf-connecting-ip"));

/** Everything that authenticated as the creator with the old password: sessions, API tokens, reset links. */
async function revokeEverything(c: StudioContext, creatorId: string, now: number): Promise<void> {
  await d1SessionStore(c.env.DB).deleteForUser(creatorId);
  await drizzle(c.env.DB).delete(apiTokens).where(eq(apiTokens.creatorId, creatorId));
  await revokeCreatorResetTokens(c.env.DB, creatorId, now);
}

passwordRoutes.post("/password", async (c) => {
  const creator = requireSessionCreator(c);
  const { currentPassword, newPassword } = await jsonBody(c.req.raw, studioBodies.passwordChange);
  const now = Date.now();
  const throttle = d1ThrottleStore(c.env.DB);
  const key = `creator:${creator.email}`;
  const verdict = throttleVerdict(await throttle.hit(key, now, LOGIN_POLICY.windowMs), now);
  if (!verdict.allowed)
    throw tooManyRequests("Too many attempts for this account. Wait a while and try again.", verdict.retryAfterSeconds);
  // One verification and one new hash.
  await spendHashes(throttle, { scope: "studio", clientTag: clientOf(c), now, hashes: 2 });
  const row = await drizzle(c.env.DB).select().from(creators).where(eq(creators.id, creator.id)).get();
  if (!row || !(await verifyPassword(currentPassword, row.passwordHash))) {
    throw new ApiError(401, "invalid_credentials", "The current password is wrong.");
  }
  const passwordHash = await hashPassword(newPassword, hashCostOf(c.env));
  await drizzle(c.env.DB).update(creators).set({ passwordHash }).where(eq(creators.id, creator.id));
  await throttle.clear(key);
  await revokeEverything(c, creator.id, now);
  // This browser stays signed in with a fresh session; every other one, and every token, is out.
  const { token, session } = await createSession(d1SessionStore(c.env.DB), creator.id);
  writeSessionCookie(c, CREATOR_COOKIE, token, session.expiresAt);
  return c.json(shape("creator", { creator: await publicCreator(c.env.DB, { ...row, passwordHash }) }), 200);
});

passwordRoutes.post("/reset/request", async (c) => {
  const { email } = await jsonBody(c.req.raw, studioBodies.resetRequest);
  const now = Date.now();
  const row = await drizzle(c.env.DB)
    .select({ id: creators.id, email: creators.email })
    .from(creators)
    .where(eq(creators.email, email))
    .get();
  if (row) {
    const hits = await d1ThrottleStore(c.env.DB).hit(`mail:reset:${row.id}`, now, RESET_MAIL_POLICY.windowMs);
    if (throttleVerdict(hits, now, RESET_MAIL_POLICY).allowed) {
      const token = await issueCreatorResetToken(c.env.DB, row.id, now);
      await studioMailbox(c.env).send(creatorResetMail(row.email, studioOrigin(c.env), token));
    }
  }
  // The answer is the same whether or not the address has an account (T21).
  return c.json(shape("accepted", { ok: true }), 202);
});

passwordRoutes.post("/reset", async (c) => {
  const { token, password } = await jsonBody(c.req.raw, studioBodies.reset);
  const now = Date.now();
  // The token first: a bogus, used or expired link answers without a hash (T49).
  const check = await checkCreatorResetToken(c.env.DB, token, now);
  if (!check.ok) throw tokenError(check);
  const throttle = d1ThrottleStore(c.env.DB);
  await spendHashes(throttle, { scope: "studio", clientTag: clientOf(c), now });
  const use = await consumeCreatorResetToken(c.env.DB, token, now);
  if (!use.ok) throw tokenError(use);
  const passwordHash = await hashPassword(password, hashCostOf(c.env));
  const row = await drizzle(c.env.DB)
    .update(creators)
    .set({ passwordHash })
    .where(eq(creators.id, use.userId))
    .returning({ email: creators.email })
    .get();
  if (!row) throw tokenError({ ok: false, reason: "invalid" });
  await revokeEverything(c, use.userId, now);
  await throttle.clear(`creator:${row.email}`);
  return c.json(shape("accepted", { ok: true }), 200);
});
