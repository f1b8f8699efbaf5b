import { Hono } from "hono";
import { eq, sql } from "drizzle-orm";
import { clearSessionCookie, writeSessionCookie } from "../../auth/cookies";
import { spendHashes } from "../../auth/hash-budget";
import { hashCostOf, hashPassword, isPasswordHash, verifyAgainstDummy, verifyPassword } from "../../auth/password";
import { createSession, revokeSession } from "../../auth/session";
import { LOGIN_POLICY, throttleVerdict } from "../../auth/throttle";
import { users } from "../../db/do-schema";
import { ApiError, conflict, tooManyRequests } from "../../errors";
import { jsonBody } from "../../http/body";
import { clientTag } from "../../http/client-key";
import { resetMail, verifyMail } from "../../mail/messages";
import { appDisplayName } from "../identity";
import { sendAppMail } from "../send-mail";
import { loginBody, passwordChangeBody, resetBody, resetRequestBody, signupBody, verifyBody } from "./contract";
import { publicUser, requireUser, USER_COOKIE, type AppApiEnv, type AppContext } from "./context";
import { tokenError } from "../../auth/token-use";
import {
  checkEmailToken,
  consumeEmailToken,
  issueEmailToken,
  revokeEmailTokens,
  type EmailTokenKind,
} from "../email-tokens";
import { assertSignupAllowed, clearPendingSignup, recordPendingSignup } from "../signup-limit";
import { doSessionStore, doThrottleStore } from "../stores";

/** End-user accounts of one app; the pool lives in the app's own Durable Object. */
export const authRoutes = new Hono<AppApiEnv>();

/** Same words for an unknown email and a wrong password (T21). */
const WRONG_CREDENTIALS = "Email or password is wrong.";
/** Mails of one kind per address per hour; over it, requests still answer the same (T21). */
const MAIL_POLICY = { maxAttempts: 5, windowMs: 60 * 60 * 1000 } as const;

const body = <T extends Parameters<typeof jsonBody>[1]>(c: AppContext, schema: T) =>
  jsonBody(c.req.raw, schema, { limit: c.get("limits").maxBodyBytes });

/** The client this request counts against (IPv4, or IPv6 /64), hashed. */
const clientOf = (c: AppContext): string => clientTag(c.get("identity").ip);

/** Charges the app's hash budget before argon2 runs (T49): per client and for the whole app. */
async function spend(c: AppContext, now: number, hashes = 1): Promise<void> {
  await spendHashes(doThrottleStore(c.get("store").sql), { scope: "app", clientTag: clientOf(c), now, hashes });
}

async function startSession(c: AppContext, userId: string): Promise<void> {
  const sessions = doSessionStore(c.get("store").db);
  // Whatever was presented with the request is dropped, never upgraded (T22).
  for (const token of c.get("presentedTokens")) await revokeSession(sessions, token);
  const { token, session } = await createSession(sessions, userId);
  writeSessionCookie(c, USER_COOKIE, token, session.expiresAt);
}

async function sendTokenMail(c: AppContext, user: { id: string; email: string }, kind: EmailTokenKind): Promise<void> {
  const store = c.get("store");
  const now = Date.now();
  const hits = await doThrottleStore(store.sql).hit(`mail:${kind}:${user.id}`, now, MAIL_POLICY.windowMs);
  if (!throttleVerdict(hits, now, MAIL_POLICY).allowed) return;
  const token = issueEmailToken(store.db, user.id, kind, now);
  const identity = c.get("identity");
  const { origin, slug } = identity;
  const name = appDisplayName(identity);
  const message =
    kind === "verify" ? verifyMail(user.email, origin, name, token) : resetMail(user.email, origin, name, token);
  sendAppMail(store, c.env, { slug }, message, now);
}

authRoutes.post("/signup", async (c) => {
  const { email, password } = await body(c, signupBody);
  const db = c.get("store").db;
  const now = Date.now();
  // Both limits before the hash: a refused sign-up costs no CPU (T49).
  assertSignupAllowed(db, clientOf(c), now);
  await spend(c, now);
  // Hash before looking the address up so both outcomes cost the same time (T21).
  const passwordHash = await hashPassword(password, hashCostOf(c.env));
  const row = { id: crypto.randomUUID(), email, passwordHash, emailVerifiedAt: null, createdAt: now };
  const inserted = db.insert(users).values(row).onConflictDoNothing().returning().get();
  if (!inserted) throw conflict("An account with this email already exists. Sign in instead.", "email_taken");
  recordPendingSignup(db, inserted.id, clientOf(c), now);
  await startSession(c, inserted.id);
  await sendTokenMail(c, inserted, "verify");
  return c.json({ user: publicUser(inserted) }, 201);
});

authRoutes.post("/login", async (c) => {
  const { email, password } = await body(c, loginBody);
  const store = c.get("store");
  const now = Date.now();
  const throttle = doThrottleStore(store.sql);
  const key = `login:${email}`;
  // Counted before the password is checked, atomically, so parallel guesses cannot slip past (T20).
  const verdict = throttleVerdict(await throttle.hit(key, now, LOGIN_POLICY.windowMs), now);
  if (!verdict.allowed) {
    throw tooManyRequests(
      "Too many sign-in attempts for this account. Wait a while and try again.",
      verdict.retryAfterSeconds,
    );
  }
  // Unknown addresses verify against a dummy hash (T21), so they are charged like any other (T49).
  await spend(c, now);
  const row = store.db.select().from(users).where(eq(users.email, email)).get();
  // An imported user without a password costs the same as an unknown address (T21, T59).
  const ok =
    row && isPasswordHash(row.passwordHash)
      ? await verifyPassword(password, row.passwordHash)
      : await verifyAgainstDummy(password, hashCostOf(c.env));
  if (!row || !ok) throw new ApiError(401, "invalid_credentials", WRONG_CREDENTIALS);
  await throttle.clear(key);
  await startSession(c, row.id);
  return c.json({ user: publicUser(row) }, 200);
});

authRoutes.post("/logout", async (c) => {
  const sessions = doSessionStore(c.get("store").db);
  for (const token of c.get("presentedTokens")) await revokeSession(sessions, token);
  clearSessionCookie(c, USER_COOKIE);
  return c.body(null, 204);
});

authRoutes.get("/me", (c) =>
  c.json(
    {
      user: publicUser(requireUser(c)),
      entitlements: c.get("entitlements"),
      // The same fact the `creator` rule reads, so a page can offer the creator's tools (comfort only).
      creator: c.get("subject").isCreator === true,
    },
    200,
  ),
);

authRoutes.post("/verify/request", async (c) => {
  const user = requireUser(c);
  if (user.emailVerifiedAt === null) await sendTokenMail(c, user, "verify");
  return c.json({ ok: true as const }, 202);
});

authRoutes.post("/verify", async (c) => {
  const { token } = await body(c, verifyBody);
  const db = c.get("store").db;
  const use = consumeEmailToken(db, token, "verify", Date.now());
  if (!use.ok) throw tokenError(use);
  const row = db
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${Date.now()})` })
    .where(eq(users.id, use.userId))
    .returning()
    .get();
  if (!row) throw tokenError({ ok: false, reason: "invalid" });
  clearPendingSignup(db, row.id);
  return c.json({ user: publicUser(row) }, 200);
});

authRoutes.post("/reset/request", async (c) => {
  const { email } = await body(c, resetRequestBody);
  const row = c.get("store").db.select().from(users).where(eq(users.email, email)).get();
  // The answer is the same whether or not the address has an account (T21).
  if (row) await sendTokenMail(c, row, "reset");
  return c.json({ ok: true as const }, 202);
});

authRoutes.post("/reset", async (c) => {
  const { token, password } = await body(c, resetBody);
  const store = c.get("store");
  const now = Date.now();
  // The token first: a bogus, used or expired link answers without a hash being computed (T49).
  const check = checkEmailToken(store.db, token, "reset", now);
  if (!check.ok) throw tokenError(check);
  // Budget before the token is used up, so a refusal leaves the link working for a retry.
  await spend(c, now);
  const use = consumeEmailToken(store.db, token, "reset", now);
  if (!use.ok) throw tokenError(use);
  const passwordHash = await hashPassword(password, hashCostOf(c.env));
  // Following the link proves the address, so it also counts as verification.
  const row = store.db
    .update(users)
    .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now})` })
    .where(eq(users.id, use.userId))
    .returning()
    .get();
  if (!row) throw tokenError({ ok: false, reason: "invalid" });
  // Every session, wherever it is, ends with the old password (T25), and so does every other
  // reset link, including one requested while this reset was running (T26).
  await doSessionStore(store.db).deleteForUser(row.id);
  revokeEmailTokens(store.db, row.id, "reset", now);
  clearPendingSignup(store.db, row.id);
  await doThrottleStore(store.sql).clear(`login:${row.email}`);
  clearSessionCookie(c, USER_COOKIE);
  return c.json({ ok: true as const }, 200);
});

authRoutes.post("/password", async (c) => {
  const user = requireUser(c);
  const { currentPassword, newPassword } = await body(c, passwordChangeBody);
  const store = c.get("store");
  const now = Date.now();
  const throttle = doThrottleStore(store.sql);
  const key = `login:${user.email}`;
  const verdict = throttleVerdict(await throttle.hit(key, now, LOGIN_POLICY.windowMs), now);
  if (!verdict.allowed)
    throw tooManyRequests("Too many attempts for this account. Wait a while and try again.", verdict.retryAfterSeconds);
  // One verification and one new hash.
  await spend(c, now, 2);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new ApiError(401, "invalid_credentials", "The current password is wrong.");
  }
  const passwordHash = await hashPassword(newPassword, hashCostOf(c.env));
  store.db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
  revokeEmailTokens(store.db, user.id, "reset", now);
  await throttle.clear(key);
  // All sessions end (T25); this browser gets a fresh one so the person stays signed in here.
  await doSessionStore(store.db).deleteForUser(user.id);
  c.set("presentedTokens", []);
  await startSession(c, user.id);
  return c.json({ user: publicUser({ ...user, passwordHash }) }, 200);
});
