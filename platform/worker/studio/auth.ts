import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "../../auth/cookies";
import { d1SessionStore, d1ThrottleStore } from "../../auth/d1-stores";
import { spendHashes } from "../../auth/hash-budget";
import { hashCostOf, hashPassword, verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { createSession, revokeSession } from "../../auth/session";
import { LOGIN_POLICY, throttleVerdict, type ThrottleStore } from "../../auth/throttle";
import { creators } from "../../db/d1-schema";
import { ApiError, conflict, tooManyRequests } from "../../errors";
import { jsonBody } from "../../http/body";
import { clientTag } from "../../http/client-key";
import {
  CREATOR_COOKIE,
  publicCreator,
  requireCreator,
  requireSessionCreator,
  type StudioContext,
  type StudioEnv,
} from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";

/** Creator accounts on the studio origin. */
export const authRoutes = new Hono<StudioEnv>();

/** Same words for an unknown email and a wrong password (T21). */
const WRONG_CREDENTIALS = "Email or password is wrong.";

/**
 * New creator accounts per client per hour (T49). Creators have no email verification step, so
 * every sign-up counts; locally every browser is one client (127.0.0.1).
 */
export const STUDIO_SIGNUPS = { maxAttempts: 10, windowMs: 60 * 60 * 1000 } as const;

const clientOf = (c: StudioContext): string => clientTag(c.req.header("cf-connecting-ip"));

/** Charges the studio's hash budget before argon2 runs (T49). */
async function spend(c: StudioContext, store: ThrottleStore, now: number, hashes = 1): Promise<void> {
  await spendHashes(store, { scope: "studio", clientTag: clientOf(c), now, hashes });
}

async function startSession(c: StudioContext, creatorId: string): Promise<void> {
  // A session presented with the login is dropped, never upgraded (T22).
  const previous = readSessionCookie(c, CREATOR_COOKIE);
  const store = d1SessionStore(c.env.DB);
  if (previous) await revokeSession(store, previous);
  const { token, session } = await createSession(store, creatorId);
  writeSessionCookie(c, CREATOR_COOKIE, token, session.expiresAt);
}

authRoutes.post("/signup", async (c) => {
  const { email, password } = await jsonBody(c.req.raw, studioBodies.signup);
  const orm = drizzle(c.env.DB);
  const now = Date.now();
  const throttle = d1ThrottleStore(c.env.DB);
  const signups = throttleVerdict(
    await throttle.hit(`signup:${clientOf(c)}`, now, STUDIO_SIGNUPS.windowMs),
    now,
    STUDIO_SIGNUPS,
  );
  if (!signups.allowed) {
    throw new ApiError(
      429,
      "too_many_signups",
      "Too many new accounts from your network in the last hour. Try again later.",
      {
        headers: { "Retry-After": String(signups.retryAfterSeconds) },
      },
    );
  }
  await spend(c, throttle, now);
  // Hash before looking the address up so both outcomes cost the same time (T21).
  const passwordHash = await hashPassword(password, hashCostOf(c.env));
  const row = { id: crypto.randomUUID(), email, passwordHash, plan: "free", createdAt: now };
  const inserted = await orm.insert(creators).values(row).onConflictDoNothing().returning().get();
  if (!inserted) throw conflict("An account with this email already exists. Sign in instead.", "email_taken");
  await startSession(c, inserted.id);
  return c.json(shape("creator", { creator: await publicCreator(c.env.DB, inserted) }), 201);
});

authRoutes.post("/login", async (c) => {
  const { email, password } = await jsonBody(c.req.raw, studioBodies.login);
  const now = Date.now();
  const throttle = d1ThrottleStore(c.env.DB);
  const key = `creator:${email}`;
  const verdict = throttleVerdict(await throttle.hit(key, now, LOGIN_POLICY.windowMs), now);
  if (!verdict.allowed) {
    throw tooManyRequests(
      "Too many sign-in attempts for this account. Wait a while and try again.",
      verdict.retryAfterSeconds,
    );
  }
  // Unknown addresses verify against a dummy hash (T21), so they are charged like any other (T49).
  await spend(c, throttle, now);
  const row = await drizzle(c.env.DB).select().from(creators).where(eq(creators.email, email)).get();
  const ok = row
    ? await verifyPassword(password, row.passwordHash)
    : await verifyAgainstDummy(password, hashCostOf(c.env));
  if (!row || !ok) throw new ApiError(401, "invalid_credentials", WRONG_CREDENTIALS);
  await throttle.clear(key);
  await startSession(c, row.id);
  return c.json(shape("creator", { creator: await publicCreator(c.env.DB, row) }), 200);
});

authRoutes.post("/logout", async (c) => {
  const token = readSessionCookie(c, CREATOR_COOKIE);
  if (token) await revokeSession(d1SessionStore(c.env.DB), token);
  clearSessionCookie(c, CREATOR_COOKIE);
  return c.body(null, 204);
});

authRoutes.get("/me", (c) => c.json(shape("creator", { creator: requireCreator(c) })));

/**
 * "Sign out everywhere": every session of this creator ends, this one too. API tokens are revoked one by one
 * (/api/tokens).
 */
authRoutes.delete("/sessions", async (c) => {
  const creator = requireSessionCreator(c);
  await d1SessionStore(c.env.DB).deleteForUser(creator.id);
  clearSessionCookie(c, CREATOR_COOKIE);
  return c.body(null, 204);
});
