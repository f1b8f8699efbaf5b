import { desc, eq } from "drizzle-orm";
import { subscriptions } from "../db/do-schema";
import type { BillingDeps } from "./checkout";
import { completeDevCheckout, findDevCheckout, type DevCheckoutLookup } from "./dev-provider";
import { sessionUserId } from "../object/session-user";

/**
 * The Durable Object side of the dev checkout pages: resolve the end user from their own session
 * cookie, then look up or complete a session bound to that user. The Worker never says who the
 * user is; it only forwards the cookie header.
 */

export async function viewDevCheckoutFor(deps: BillingDeps, id: string, cookie: string | null, now: number): Promise<DevCheckoutLookup> {
  return findDevCheckout(deps.kv, id, await sessionUserId(deps.db, deps.env, cookie, now), now);
}

export async function completeDevCheckoutFor(deps: BillingDeps, id: string, cookie: string | null, formToken: string, now: number): Promise<DevCheckoutLookup> {
  return completeDevCheckout(deps.kv, id, await sessionUserId(deps.db, deps.env, cookie, now), formToken, now);
}

export interface DevPortalRow {
  plan: string;
  status: string;
  currentPeriodEnd: number | null;
}

/** Null when nobody is signed in. */
export async function devPortalFor(deps: BillingDeps, cookie: string | null, now: number): Promise<DevPortalRow[] | null> {
  const userId = await sessionUserId(deps.db, deps.env, cookie, now);
  if (!userId) return null;
  return deps.db
    .select({ plan: subscriptions.plan, status: subscriptions.status, currentPeriodEnd: subscriptions.currentPeriodEnd })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.updatedAt))
    .limit(20)
    .all();
}
