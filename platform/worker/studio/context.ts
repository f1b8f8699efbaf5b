import type { Context, MiddlewareHandler } from "hono";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../../env";
import { isProduction } from "../../environment";
import { forbidden, unauthorized } from "../../errors";
import { readSessionCookie, writeSessionCookie } from "../../auth/cookies";
import { d1SessionStore } from "../../auth/d1-stores";
import { validateSession } from "../../auth/session";
import { secretMatches, splitToken } from "../../auth/token";
import { creatorPlanNow } from "../../billing/creator-billing";
import { apiTokens, creators } from "../../db/d1-schema";

export const CREATOR_COOKIE = "sandlot_session";
/** Prefix that makes studio API tokens recognisable to secret scanners and to people. */
export const API_TOKEN_PREFIX = "sl_";

export interface Creator {
  id: string;
  email: string;
  plan: string;
  createdAt: number;
}

export interface StudioEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    creator: Creator | undefined;
    /** How `creator` was identified: the studio's session cookie, or an API token (the CLI). */
    authVia: "session" | "token" | undefined;
  };
}

export type StudioContext = Context<StudioEnv>;

/**
 * The allow-listed shape a creator has in any response (T04). The plan is decided now from the
 * creator's subscriptions (billing/lifecycle.ts), never from the `plan` column an event last wrote.
 */
export async function publicCreator(db: D1Database, row: typeof creators.$inferSelect): Promise<Creator> {
  return { id: row.id, email: row.email, plan: await creatorPlanNow(db, row.id, Date.now()), createdAt: row.createdAt };
}

async function creatorFromBearer(env: Env, header: string): Promise<Creator | undefined> {
  const parts = splitToken(header.slice("Bearer ".length).trim(), { prefix: API_TOKEN_PREFIX });
  if (!parts) return undefined;
  const orm = drizzle(env.DB);
  const row = await orm
    .select({ token: apiTokens, creator: creators })
    .from(apiTokens)
    .innerJoin(creators, eq(creators.id, apiTokens.creatorId))
    .where(eq(apiTokens.id, parts.id))
    .get();
  if (!row || !secretMatches(parts.secret, row.token.secretHash)) return undefined;
  await orm.update(apiTokens).set({ lastUsedAt: Date.now() }).where(eq(apiTokens.id, row.token.id));
  return publicCreator(env.DB, row.creator);
}

/**
 * Identifies the creator from `Authorization: Bearer` (CLI) or the session cookie (studio). A
 * present but invalid bearer token is an error rather than a fall-back to the cookie, so a
 * misconfigured CLI fails loudly.
 */
export const loadCreator: MiddlewareHandler<StudioEnv> = async (c, next) => {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) {
    const creator = await creatorFromBearer(c.env, auth);
    if (!creator) throw unauthorized("That API token is not valid. Create a new one in the studio.");
    c.set("creator", creator);
    c.set("authVia", "token");
    return next();
  }
  const token = readSessionCookie(c, CREATOR_COOKIE);
  if (token) {
    const check = await validateSession(d1SessionStore(c.env.DB), token);
    if (check.ok) {
      const row = await drizzle(c.env.DB).select().from(creators).where(eq(creators.id, check.session.userId)).get();
      if (row) {
        c.set("creator", await publicCreator(c.env.DB, row));
        c.set("authVia", "session");
        if (check.renewed) writeSessionCookie(c, CREATOR_COOKIE, token, check.session.expiresAt);
      }
    }
  }
  return next();
};

export function requireCreator(c: StudioContext): Creator {
  const creator = c.get("creator");
  if (!creator) throw unauthorized();
  return creator;
}

/**
 * Account-security actions (password change, signing out everywhere) need the studio's own
 * session: an API token acts for the CLI, and a leaked one must not lock the creator out.
 */
export function requireSessionCreator(c: StudioContext): Creator {
  const creator = requireCreator(c);
  if (c.get("authVia") !== "session")
    throw forbidden("Do this in the studio, signed in with your password, not with an API token.", "session_required");
  return creator;
}

/** The studio's origin from configuration alone (links in mail must not follow a Host header, T26). */
export function studioOrigin(env: Pick<Env, "ENVIRONMENT" | "STUDIO_HOST">): string {
  return `${isProduction(env) ? "https" : "http"}://${env.STUDIO_HOST}`;
}
