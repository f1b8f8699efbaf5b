import { and, eq, inArray } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { subscriptions } from "../db/do-schema";
import type { Manifest } from "../manifest/schema";

/**
 * What a user is entitled to, from subscription rows written only by the verified webhook path
 * (I4). The billing engineer owns how rows get here; this is the one reader everything else uses.
 */
export interface Entitlements {
  plans: string[];
  grants: string[];
}

const LIVE = ["active", "trialing", "past_due"] as const;

export function entitlementsFor(db: DrizzleSqliteDODatabase, manifest: Manifest, userId: string, now: number): Entitlements {
  const rows = db
    .select({ plan: subscriptions.plan, status: subscriptions.status, currentPeriodEnd: subscriptions.currentPeriodEnd })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, [...LIVE])))
    .all();
  const known = new Map(manifest.plans.map((p) => [p.id, p]));
  const plans = new Set<string>();
  for (const row of rows) {
    // A failed renewal keeps access only until the period that was paid for ends (epoch ms, like
    // every time column here; the webhook path converts Stripe's seconds).
    if (row.status === "past_due" && (row.currentPeriodEnd === null || row.currentPeriodEnd <= now)) continue;
    if (known.has(row.plan)) plans.add(row.plan);
  }
  const grants = new Set<string>();
  for (const plan of plans) for (const g of known.get(plan)?.grants ?? []) grants.add(g);
  return { plans: [...plans].sort(), grants: [...grants].sort() };
}
