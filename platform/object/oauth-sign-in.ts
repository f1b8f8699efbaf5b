import { and, eq } from "drizzle-orm";
import { createSession, revokeSession } from "../auth/session";
import { emailSchema } from "../auth/schemas";
import { oauthIdentities, users } from "../db/do-schema";
import type { ProviderIdentity } from "../oauth/exchange";
import { revokeEmailTokens } from "./email-tokens";
import { clearPendingSignup } from "./signup-limit";
import { sessionUserFrom } from "./session-user";
import type { AppStore } from "./store";
import { doSessionStore } from "./stores";
import type { Env } from "../env";

/**
 * The app's side of "Sign in with Google/GitHub", after the Worker verified what the provider
 * said (oauth/exchange.ts). Who the person is, in this order (T54):
 *
 *   1. the provider account already linked to a user: that user;
 *   2. otherwise only a VERIFIED provider address may go on: an unverified one that matches an
 *      account is refused (never linked), and no account is created from one either;
 *   3. a verified address of an existing account links it. If that account never proved the
 *      address itself, whoever registered it may not be its owner (pre-registration, T54): its
 *      password, sessions and reset links end, and the address counts as verified from now;
 *   4. a verified address without an account: a new account, verified, without a password.
 *
 * The session is issued exactly as password sign-in issues it (object/api/auth.ts): every
 * presented session dropped, a new one created by auth/session.ts.
 */

/** Not a PHC string, so no password ever verifies against it (auth/password.ts). */
export const NO_PASSWORD = "!provider-sign-in-only";

export type ProviderSignIn =
  | { ok: true; userId: string; token: string; expiresAt: number; created: boolean }
  | { ok: false; reason: "unverified_email_taken" | "unverified_email" | "no_email" };

export async function signInWithProvider(
  store: AppStore,
  env: Pick<Env, "ENVIRONMENT">,
  who: ProviderIdentity,
  presented: { cookie: string | null; now: number },
): Promise<ProviderSignIn> {
  const { db } = store;
  const now = presented.now;
  const linked = db
    .select({ userId: oauthIdentities.userId })
    .from(oauthIdentities)
    .where(and(eq(oauthIdentities.provider, who.provider), eq(oauthIdentities.subject, who.subject)))
    .get();
  let userId = linked?.userId;
  let created = false;
  if (!userId) {
    const parsed = who.email === null ? null : emailSchema.safeParse(who.email);
    if (!parsed?.success) return { ok: false, reason: "no_email" };
    const email = parsed.data;
    const existing = db.select().from(users).where(eq(users.email, email)).get();
    if (!who.emailVerified) return { ok: false, reason: existing ? "unverified_email_taken" : "unverified_email" };
    if (existing) {
      userId = existing.id;
      if (existing.emailVerifiedAt === null) {
        db.update(users).set({ passwordHash: NO_PASSWORD, emailVerifiedAt: now }).where(eq(users.id, userId)).run();
        await doSessionStore(db).deleteForUser(userId);
        revokeEmailTokens(db, userId, "reset", now);
        clearPendingSignup(db, userId);
      }
    } else {
      userId = crypto.randomUUID();
      created = true;
      db.insert(users)
        .values({ id: userId, email, passwordHash: NO_PASSWORD, emailVerifiedAt: now, createdAt: now })
        .run();
    }
    db.insert(oauthIdentities).values({ provider: who.provider, subject: who.subject, userId, createdAt: now }).run();
  }
  const sessions = doSessionStore(db);
  // Whatever was presented with the request is dropped, never upgraded (T22).
  const { tokens } = await sessionUserFrom(store, env, presented.cookie, now);
  for (const token of tokens) await revokeSession(sessions, token);
  const { token, session } = await createSession(sessions, userId);
  return { ok: true, userId, token, expiresAt: session.expiresAt, created };
}
