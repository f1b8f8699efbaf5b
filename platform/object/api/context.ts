import type { Context } from "hono";
import type { Entitlements } from "../../billing/entitlements";
import type { Purchases } from "../purchases";
import type { Env } from "../../env";
import { unauthorized } from "../../errors";
import type { Manifest } from "../../manifest/schema";
import type { Subject } from "../../policy/evaluate";
import type { AppIdentity } from "../identity";
import type { AppLimits } from "../limits";
import type { UserRow } from "../session-user";
import type { AppStore } from "../store";

export { USER_COOKIE, type UserRow } from "../session-user";

/** What every `/_api/*` handler inside the app's Durable Object can read from its context. */
export interface AppApiEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    identity: AppIdentity;
    /** The object's own storage; handlers never see the object itself. */
    store: AppStore;
    manifest: Manifest;
    limits: AppLimits;
    /** The signed-in end user, if exactly one valid session was presented. */
    user: UserRow | undefined;
    /** The session token that authenticated `user`. */
    sessionToken: string | undefined;
    /** Every distinct session cookie value presented, so login can revoke them all (T22). */
    presentedTokens: string[];
    subject: Subject;
    entitlements: Entitlements;
    /** The user's live one-time purchases (billing/purchases.ts). */
    purchases: Purchases;
  };
}

export type AppContext = Context<AppApiEnv>;

export interface PublicUser {
  id: string;
  email: string;
  emailVerified: boolean;
  createdAt: number;
}

/** The allow-listed shape an end user has in any response (T04): never the hash, never billing ids. */
export function publicUser(row: UserRow): PublicUser {
  return { id: row.id, email: row.email, emailVerified: row.emailVerifiedAt !== null, createdAt: row.createdAt };
}

export function requireUser(c: AppContext): UserRow {
  const user = c.get("user");
  if (!user) throw unauthorized("Sign in first.");
  return user;
}
