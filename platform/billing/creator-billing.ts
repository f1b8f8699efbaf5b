import type Stripe from "stripe";
import type { SubscriptionFacts } from "./facts";
import { isCreatorPlanId, purchasableCreatorPlan } from "./creator-plans";
import type { ApplyOutcome } from "./apply";

/**
 * Creator plans and every event that belongs to no app, in D1. D1 has no interactive
 * transactions, so one `batch` (atomic) does it all: the event insert is the de-duplication
 * (ON CONFLICT DO NOTHING), and each later statement runs only if THIS call's insert won, proven
 * by a per-call claim token in `reason` that the last statement replaces (I5, T36).
 */

const LIVE_PLAN_SQL = `COALESCE((SELECT plan FROM creator_subscriptions
   WHERE creator_id = ?1 AND (status IN ('active', 'trialing') OR (status = 'past_due' AND current_period_end > ?2))
   ORDER BY event_created DESC LIMIT 1), 'free')`;

export async function recordPlatformEvent(db: D1Database, event: Stripe.Event, reason: string, now: number): Promise<ApplyOutcome> {
  const res = await db
    .prepare("INSERT INTO platform_webhook_events (id, type, status, reason, account, event_created, received_at) VALUES (?, ?, 'ignored', ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING")
    .bind(event.id, event.type, reason, event.account ?? null, event.created * 1000, now)
    .run();
  return res.meta.changes === 0 ? { outcome: "duplicate" } : { outcome: "ignored", reason };
}

export async function applyCreatorEvent(
  db: D1Database,
  event: Stripe.Event,
  facts: SubscriptionFacts | null,
  target: { creatorId: string; plan: string },
  now: number,
): Promise<ApplyOutcome> {
  if (!facts) return recordPlatformEvent(db, event, "unhandled_type", now);
  if (!facts.subscriptionId) return recordPlatformEvent(db, event, "no_subscription", now);
  if (!isCreatorPlanId(target.plan) || !purchasableCreatorPlan(target.plan)) return recordPlatformEvent(db, event, "unknown_plan", now);
  const creator = await db.prepare("SELECT id FROM creators WHERE id = ?").bind(target.creatorId).first();
  if (!creator) return recordPlatformEvent(db, event, "unknown_creator", now);

  const claim = `claim:${crypto.randomUUID()}`;
  const createdMs = event.created * 1000;
  const periodEnd = facts.currentPeriodEnd === null ? null : facts.currentPeriodEnd * 1000;
  const mine = "EXISTS (SELECT 1 FROM platform_webhook_events WHERE id = ?1 AND reason = ?2)";
  const results = await db.batch([
    db
      .prepare("INSERT INTO platform_webhook_events (id, type, status, reason, account, event_created, received_at) VALUES (?, ?, 'applied', ?, NULL, ?, ?) ON CONFLICT(id) DO NOTHING")
      .bind(event.id, event.type, claim, createdMs, now),
    // Same ordering rule as the apps: newer wins; at the same second a cancellation wins (T37).
    db
      .prepare(
        `INSERT INTO creator_subscriptions (id, creator_id, plan, status, current_period_end, event_created, event_id, updated_at)
         SELECT ?3, ?4, ?5, COALESCE(?6, 'active'), ?7, ?8, ?1, ?9 WHERE ${mine}
         ON CONFLICT(id) DO UPDATE SET status = COALESCE(?6, creator_subscriptions.status),
           current_period_end = COALESCE(excluded.current_period_end, creator_subscriptions.current_period_end),
           event_created = excluded.event_created, event_id = excluded.event_id, updated_at = excluded.updated_at
         WHERE creator_subscriptions.creator_id = excluded.creator_id
           AND (excluded.event_created > creator_subscriptions.event_created
             OR (excluded.event_created = creator_subscriptions.event_created AND creator_subscriptions.status != 'canceled'))`,
      )
      .bind(event.id, claim, facts.subscriptionId, target.creatorId, target.plan, facts.status, periodEnd, createdMs, now),
    db.prepare(`UPDATE creators SET plan = ${LIVE_PLAN_SQL} WHERE id = ?1 AND EXISTS (SELECT 1 FROM platform_webhook_events WHERE id = ?3 AND reason = ?4)`).bind(target.creatorId, now, event.id, claim),
    db
      .prepare(
        `UPDATE platform_webhook_events SET
           status = CASE WHEN EXISTS (SELECT 1 FROM creator_subscriptions WHERE id = ?3 AND event_id = ?1) THEN 'applied' ELSE 'ignored' END,
           reason = CASE WHEN EXISTS (SELECT 1 FROM creator_subscriptions WHERE id = ?3 AND event_id = ?1) THEN NULL ELSE 'stale' END
         WHERE id = ?1 AND reason = ?2`,
      )
      .bind(event.id, claim, facts.subscriptionId),
  ]);
  if ((results[0]?.meta.changes ?? 0) === 0) return { outcome: "duplicate" };
  const row = await db.prepare("SELECT status, reason FROM platform_webhook_events WHERE id = ?").bind(event.id).first<{ status: string; reason: string | null }>();
  return row?.status === "applied" ? { outcome: "applied" } : { outcome: "ignored", reason: row?.reason ?? "stale" };
}
