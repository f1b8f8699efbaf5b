import type Stripe from "stripe";
import type { ApplyOutcome } from "./apply";
import {
  CREATOR_PLANS,
  DEFAULT_CREATOR_PLAN,
  isCreatorPlanId,
  purchasableCreatorPlan,
  type CreatorPlanId,
} from "./creator-plans";
import type { SubscriptionFacts } from "./facts";
import { factOfEvent, factOfSnapshot, hasAccess, hasAccessSql, step, type LifecycleState } from "./lifecycle";

/**
 * Creator plans and every event that belongs to no app, in D1, by the same life cycle as app
 * subscriptions (lifecycle.ts). D1 has no interactive transactions, so the row is read, the next
 * state decided, and then ONE atomic `batch` writes it: the event insert is the de-duplication
 * (ON CONFLICT DO NOTHING), and the row is written only if THIS call's insert won (a per-call claim
 * token in `reason`) AND the row is still the one the decision was made from (compare-and-set on
 * `event_id`). If a concurrent event moved the row first, the claim is removed in the same batch
 * and Stripe is asked to deliver again (`retry`), so no event is lost and none applies twice (I5, T36).
 */

/**
 * The plan column is recomputed with the read-time rule as of the event, for operators' queries; access never reads it.
 */
const LIVE_PLAN_SQL = `COALESCE((SELECT plan FROM creator_subscriptions
   WHERE creator_id = ?1 AND ${hasAccessSql("?2")}
   ORDER BY event_created DESC LIMIT 1), 'free')`;

export async function recordPlatformEvent(
  db: D1Database,
  event: Stripe.Event,
  reason: string,
  now: number,
): Promise<Extract<ApplyOutcome, { outcome: "ignored" | "duplicate" }>> {
  const res = await db
    .prepare(
      "INSERT INTO platform_webhook_events (id, type, status, reason, account, event_created, received_at) VALUES " +
        "(?, ?, 'ignored', ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
    )
    .bind(event.id, event.type, reason, event.account ?? null, event.created * 1000, now)
    .run();
  return res.meta.changes === 0 ? { outcome: "duplicate" } : { outcome: "ignored", reason };
}

interface CreatorSubscriptionRow {
  creator_id: string;
  status: string;
  current_period_end: number | null;
  paid_through: number | null;
  event_created: number;
  event_id: string;
}

export interface CreatorEventInput {
  event: Stripe.Event;
  facts: SubscriptionFacts | null;
  target: { creatorId: string; plan: string };
  canReread: boolean;
  /** The subscription re-read from Stripe for this event (see AppBillingEvent.reread). */
  reread?: { facts: SubscriptionFacts; readAt: number } | { missing: true };
}

export async function applyCreatorEvent(db: D1Database, input: CreatorEventInput, now: number): Promise<ApplyOutcome> {
  const { event, facts, target } = input;
  if (!facts) return recordPlatformEvent(db, event, "unhandled_type", now);
  if (!facts.subscriptionId) return recordPlatformEvent(db, event, "no_subscription", now);
  if (!isCreatorPlanId(target.plan) || !purchasableCreatorPlan(target.plan))
    return recordPlatformEvent(db, event, "unknown_plan", now);
  if (input.reread && "missing" in input.reread) return recordPlatformEvent(db, event, "unknown_subscription", now);
  const creator = await db.prepare("SELECT id FROM creators WHERE id = ?").bind(target.creatorId).first();
  if (!creator) return recordPlatformEvent(db, event, "unknown_creator", now);
  if (await db.prepare("SELECT 1 FROM platform_webhook_events WHERE id = ?").bind(event.id).first())
    return { outcome: "duplicate" };

  const row = await db
    .prepare(
      "SELECT creator_id, status, current_period_end, paid_through, event_created, event_id FROM " +
        "creator_subscriptions WHERE id = ?",
    )
    .bind(facts.subscriptionId)
    .first<CreatorSubscriptionRow>();
  if (row && row.creator_id !== target.creatorId) return recordPlatformEvent(db, event, "metadata_mismatch", now);
  const fact = input.reread
    ? factOfSnapshot(input.reread.facts, input.reread.readAt)
    : factOfEvent(event.type, facts, event.created);
  if (!fact) return recordPlatformEvent(db, event, "unhandled_type", now);
  const state: LifecycleState | null = row
    ? {
        status: row.status,
        currentPeriodEnd: row.current_period_end,
        paidThrough: row.paid_through,
        eventCreated: row.event_created,
      }
    : null;
  const next = step(state, fact, { canReread: input.canReread && !input.reread });
  if (next.kind === "ignore") return recordPlatformEvent(db, event, next.reason, now);
  if (next.kind === "reread") return { outcome: "reread", reason: next.reason };

  const s = next.state;
  const claim = `claim:${crypto.randomUUID()}`;
  const mine = "EXISTS (SELECT 1 FROM platform_webhook_events WHERE id = ?1 AND reason = ?2)";
  const results = await db.batch([
    db
      .prepare(
        "INSERT INTO platform_webhook_events (id, type, status, reason, account, event_created, received_at) VALUES " +
          "(?, ?, 'applied', ?, NULL, ?, ?) ON CONFLICT(id) DO NOTHING",
      )
      .bind(event.id, event.type, claim, event.created * 1000, now),
    db
      .prepare(
        `INSERT INTO creator_subscriptions (id, creator_id, plan, status, current_period_end, paid_through,
          event_created, event_id, updated_at)
         SELECT ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?1, ?10 WHERE ${mine}
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, current_period_end = excluded.current_period_end,
           paid_through = excluded.paid_through, event_created = excluded.event_created, event_id = excluded.event_id,
           updated_at = excluded.updated_at
         WHERE creator_subscriptions.creator_id = excluded.creator_id AND creator_subscriptions.event_id IS ?11`,
      )
      .bind(
        event.id,
        claim,
        facts.subscriptionId,
        target.creatorId,
        target.plan,
        s.status,
        s.currentPeriodEnd,
        s.paidThrough,
        s.eventCreated,
        now,
        row?.event_id ?? null,
      ),
    db
      .prepare(
        `UPDATE creators SET plan = ${LIVE_PLAN_SQL} WHERE id = ?1 AND EXISTS (SELECT 1 FROM ` +
          `platform_webhook_events WHERE id = ?3 AND reason = ?4)`,
      )
      .bind(target.creatorId, now, event.id, claim),
    db
      .prepare(
        `UPDATE platform_webhook_events SET reason = NULL
         WHERE id = ?1 AND reason = ?2 AND EXISTS (SELECT 1 FROM creator_subscriptions WHERE id = ?3
         AND event_id = ?1)`,
      )
      .bind(event.id, claim, facts.subscriptionId),
    // Still holding the claim means the compare-and-set lost: forget the event so a redelivery applies it.
    db.prepare("DELETE FROM platform_webhook_events WHERE id = ?1 AND reason = ?2").bind(event.id, claim),
  ]);
  if ((results[0]?.meta.changes ?? 0) === 0) return { outcome: "duplicate" };
  return (results[4]?.meta.changes ?? 0) > 0 ? { outcome: "retry" } : { outcome: "applied" };
}

/**
 * A creator's plan NOW, from their subscription rows (lifecycle.ts `hasAccess`): what every
 * allowance is decided from. A paid period that ended with no event grants nothing (T50).
 */
export async function creatorPlanNow(db: D1Database, creatorId: string, now: number): Promise<CreatorPlanId> {
  const { results } = await db
    .prepare(
      "SELECT plan, status, paid_through FROM creator_subscriptions WHERE creator_id = ? AND status IN ('active', " +
        "'trialing', 'past_due')",
    )
    .bind(creatorId)
    .all<{ plan: string; status: string; paid_through: number | null }>();
  let best: CreatorPlanId = DEFAULT_CREATOR_PLAN;
  for (const r of results) {
    if (!isCreatorPlanId(r.plan) || !hasAccess({ status: r.status, paidThrough: r.paid_through }, now)) continue;
    // The most generous live plan wins (more apps).
    if (CREATOR_PLANS[r.plan].allowance.apps > CREATOR_PLANS[best].allowance.apps) best = r.plan;
  }
  return best;
}
