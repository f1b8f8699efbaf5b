import type { MiddlewareHandler } from "hono";
import { eq } from "drizzle-orm";
import { writeSessionCookie, sessionCookieName } from "../../auth/cookies";
import { validateSession, type SessionRow } from "../../auth/session";
import { entitlementsFor } from "../../billing/entitlements";
import { users } from "../../db/do-schema";
import { USER_COOKIE, type AppApiEnv } from "./context";
import { doSessionStore } from "../stores";

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

/**
 * Identifies the end user. A sibling origin in dev (or a misconfigured parent domain) can plant a
 * second cookie with the same name (T14); browsers send both in an order the server cannot trust.
 * So every presented value is checked, and the request is signed in only when the valid ones all
 * belong to ONE user: two different users' sessions means nobody, never "pick one".
 */
export const loadUser: MiddlewareHandler<AppApiEnv> = async (c, next) => {
  const object = c.get("object");
  const presented = cookieValues(c.req.header("cookie"), sessionCookieName(c.env, USER_COOKIE));
  c.set("presentedTokens", presented);
  const store = doSessionStore(object.db);
  const now = Date.now();
  const valid: Array<{ token: string; session: SessionRow; renewed: boolean }> = [];
  for (const token of presented) {
    const check = await validateSession(store, token, now);
    if (check.ok) valid.push({ token, session: check.session, renewed: check.renewed });
  }
  const owners = new Set(valid.map((v) => v.session.userId));
  const chosen = owners.size === 1 ? valid[0] : undefined;
  const row = chosen ? object.db.select().from(users).where(eq(users.id, chosen.session.userId)).get() : undefined;
  c.set("user", row);
  c.set("sessionToken", row ? chosen!.token : undefined);
  const entitlements = row ? entitlementsFor(object.db, c.get("manifest"), row.id, now) : { plans: [], grants: [] };
  c.set("entitlements", entitlements);
  // Verification matters: anyone can sign up with the creator's address, only the creator can confirm it.
  const creatorEmail = c.get("identity").creatorEmail?.toLowerCase();
  const isCreator = row !== undefined && row.emailVerifiedAt !== null && creatorEmail !== undefined && row.email === creatorEmail;
  c.set("subject", { userId: row?.id ?? null, plans: entitlements.plans, isCreator });
  if (row && chosen!.renewed) writeSessionCookie(c, USER_COOKIE, chosen!.token, chosen!.session.expiresAt);
  await next();
};
