import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "../../auth/cookies";
import { d1SessionStore, d1ThrottleStore } from "../../auth/d1-stores";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { credentialsSchema, loginSchema } from "../../auth/schemas";
import { createSession, revokeSession } from "../../auth/session";
import { LOGIN_POLICY, throttleVerdict } from "../../auth/throttle";
import { creators } from "../../db/d1-schema";
import { ApiError, conflict, tooManyRequests } from "../../errors";
import { jsonBody } from "../../http/body";
import { CREATOR_COOKIE, publicCreator, requireCreator, type StudioContext, type StudioEnv } from "./context";
import { shape } from "./contract";

/** Creator accounts on the studio origin. */
export const authRoutes = new Hono<StudioEnv>();

/** Same words for an unknown email and a wrong password (T21). */
const WRONG_CREDENTIALS = "Email or password is wrong.";

async function startSession(c: StudioContext, creatorId: string): Promise<void> {
  // A session presented with the login is dropped, never upgraded (T22).
  const previous = readSessionCookie(c, CREATOR_COOKIE);
  const store = d1SessionStore(c.env.DB);
  if (previous) await revokeSession(store, previous);
  const { token, session } = await createSession(store, creatorId);
  writeSessionCookie(c, CREATOR_COOKIE, token, session.expiresAt);
}

authRoutes.post("/signup", async (c) => {
  const { email, password } = await jsonBody(c.req.raw, credentialsSchema);
  const orm = drizzle(c.env.DB);
  // Hash before looking the address up so both outcomes cost the same time (T21).
  const passwordHash = await hashPassword(password);
  const now = Date.now();
  const row = { id: crypto.randomUUID(), email, passwordHash, plan: "free", createdAt: now };
  const inserted = await orm.insert(creators).values(row).onConflictDoNothing().returning().get();
  if (!inserted) throw conflict("An account with this email already exists. Sign in instead.", "email_taken");
  await startSession(c, inserted.id);
  return c.json(shape("creator", { creator: await publicCreator(c.env.DB, inserted) }), 201);
});

authRoutes.post("/login", async (c) => {
  const { email, password } = await jsonBody(c.req.raw, loginSchema);
  const now = Date.now();
  const throttle = d1ThrottleStore(c.env.DB);
  const key = `creator:${email}`;
  const verdict = throttleVerdict(await throttle.hit(key, now, LOGIN_POLICY.windowMs), now);
  if (!verdict.allowed) {
    throw tooManyRequests("Too many sign-in attempts for this account. Wait a while and try again.", verdict.retryAfterSeconds);
  }
  const row = await drizzle(c.env.DB).select().from(creators).where(eq(creators.email, email)).get();
  const ok = row ? await verifyPassword(password, row.passwordHash) : await verifyAgainstDummy(password);
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
