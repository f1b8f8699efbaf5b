import { eq } from "drizzle-orm";
import { sessionCookieName } from "../auth/cookies";
import { validateSession, type SessionRow } from "../auth/session";
import { users } from "../db/do-schema";
import type { Env } from "../env";
import type { AppStore } from "./store";
import { doSessionStore } from "./stores";

export const USER_COOKIE = "sandlot_app_session";

export type UserRow = typeof users.$inferSelect;

/** More values than this under one name is an attack, not a browser; the rest are ignored. */
const MAX_PRESENTED = 4;

/** Every value sent under `name`, in order, without decoding (tokens are plain base32). */
export function cookieValues(header: string | null | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value && !out.includes(value)) out.push(value);
  }
  return out.slice(0, MAX_PRESENTED);
}

export interface SignedIn {
  user: UserRow;
  token: string;
  session: SessionRow;
  /** The session's expiry moved forward: the cookie must be written again. */
  renewed: boolean;
}

export interface PresentedSessions {
  /** Every distinct session cookie value presented, so login can revoke them all (T22). */
  tokens: string[];
  signedIn: SignedIn | null;
}

/**
 * The end user a cookie header signs in — the one answer for every path inside the object (the
 * `/_api` middleware and the dev checkout pages). A sibling origin in dev, or a misconfigured
 * parent domain, can plant a second cookie with the same name (T14); browsers send both in an
 * order the server cannot trust. So every presented value is checked, and the request is signed
 * in only when the valid ones all belong to ONE user: two users' sessions means nobody.
 */
export async function sessionUserFrom(
  store: AppStore,
  env: Pick<Env, "ENVIRONMENT">,
  cookieHeader: string | null | undefined,
  now: number,
): Promise<PresentedSessions> {
  const tokens = cookieValues(cookieHeader, sessionCookieName(env, USER_COOKIE));
  const sessions = doSessionStore(store.db);
  const valid: Array<{ token: string; session: SessionRow; renewed: boolean }> = [];
  for (const token of tokens) {
    const check = await validateSession(sessions, token, now);
    if (check.ok) valid.push({ token, session: check.session, renewed: check.renewed });
  }
  const owners = new Set(valid.map((v) => v.session.userId));
  const chosen = owners.size === 1 ? valid[0] : undefined;
  if (!chosen) return { tokens, signedIn: null };
  const user = store.db.select().from(users).where(eq(users.id, chosen.session.userId)).get();
  return { tokens, signedIn: user ? { user, ...chosen } : null };
}
