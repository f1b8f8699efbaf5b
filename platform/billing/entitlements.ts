import { and, eq, inArray } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { subscriptions } from "../db/do-schema";
import type { Manifest } from "../manifest/schema";
import { hasAccess } from "./lifecycle";

/**
 * What a user is entitled to, from subscription rows written only by the verified webhook path
 * (I4), decided NOW from each row's stored `paidThrough` (lifecycle.ts `hasAccess`): a period that
 * ended stops granting even if no event ever arrives (T50). The one reader everything else uses.
 */
export interface Entitlements {
  plans: string[];
  grants: string[];
}

/** The only statuses that can grant; `hasAccess` decides whether they still do. */
const LIVE = ["active", "trialing", "past_due"] as const;

export function entitlementsFor(
  db: DrizzleSqliteDODatabase,
  manifest: Manifest,
  userId: string,
  now: number,
): Entitlements {
  const rows = db
    .select({ plan: subscriptions.plan, status: subscriptions.status, paidThrough: subscriptions.paidThrough })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, [...LIVE])))
    .all();
  const known = new Map(manifest.plans.map((p) => [p.id, p]));
  const plans = new Set<string>();
  for (const row of rows) if (hasAccess(row, now) && known.has(row.plan)) plans.add(row.plan);
  const grants = new Set<string>();
  for (const plan of plans) for (const g of known.get(plan)?.grants ?? []) grants.add(g);
  return { plans: [...plans].sort(), grants: [...grants].sort() };
}
