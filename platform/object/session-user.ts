import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { sessionCookieName } from "../auth/cookies";
import { validateSession } from "../auth/session";
import { USER_COOKIE } from "./api/context";
import { cookieValues } from "./api/session";
import { doSessionStore } from "./stores";
import type { Env } from "../env";

/**
 * The signed-in end user for requests that do not go through the `/_api` middleware (the dev
 * checkout page). Same rule as `loadUser`: every presented session must belong to one user.
 */
export async function sessionUserId(db: DrizzleSqliteDODatabase, env: Pick<Env, "ENVIRONMENT">, cookieHeader: string | null, now: number): Promise<string | null> {
  const store = doSessionStore(db);
  const owners = new Set<string>();
  for (const token of cookieValues(cookieHeader, sessionCookieName(env, USER_COOKIE))) {
    const check = await validateSession(store, token, now);
    if (check.ok) owners.add(check.session.userId);
  }
  return owners.size === 1 ? [...owners][0]! : null;
}
