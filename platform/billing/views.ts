/**
 * What a creator may read about their app's billing, as allow-listed shapes (T04): no Stripe
 * customer ids, no raw payloads.
 */

export interface BillingEventView {
  id: string;
  type: string;
  status: "applied" | "ignored" | "rejected";
  reason: string | null;
  receivedAt: number;
}

export interface SubscriberView {
  userId: string;
  email: string;
  plan: string;
  status: string;
  currentPeriodEnd: number | null;
}

const MAX_ROWS = 200;

export function listBillingEvents(sql: SqlStorage, limit = MAX_ROWS): BillingEventView[] {
  return sql
    .exec<{ id: string; type: string; status: BillingEventView["status"]; reason: string | null; received_at: number }>(
      "SELECT id, type, status, reason, received_at FROM webhook_events ORDER BY received_at DESC, id LIMIT ?",
      Math.min(Math.max(1, limit), MAX_ROWS),
    )
    .toArray()
    .map((r) => ({ id: r.id, type: r.type, status: r.status, reason: r.reason, receivedAt: r.received_at }));
}

export function listSubscribers(sql: SqlStorage, limit = MAX_ROWS): SubscriberView[] {
  return sql
    .exec<{ user_id: string; email: string; plan: string; status: string; current_period_end: number | null }>(
      `SELECT s.user_id, u.email, s.plan, s.status, s.current_period_end
       FROM subscriptions s JOIN users u ON u.id = s.user_id
       ORDER BY s.updated_at DESC, s.id LIMIT ?`,
      Math.min(Math.max(1, limit), MAX_ROWS),
    )
    .toArray()
    .map((r) => ({
      userId: r.user_id,
      email: r.email,
      plan: r.plan,
      status: r.status,
      currentPeriodEnd: r.current_period_end,
    }));
}

export interface DevPortalRow {
  plan: string;
  status: string;
  currentPeriodEnd: number | null;
}

/** The dev provider's stand-in for Stripe's portal: one user's own subscriptions, newest first. */
export function userSubscriptions(sql: SqlStorage, userId: string, limit = 20): DevPortalRow[] {
  return sql
    .exec<{ plan: string; status: string; current_period_end: number | null }>(
      "SELECT plan, status, current_period_end FROM subscriptions WHERE user_id = ? " +
        "ORDER BY updated_at DESC, id LIMIT ?",
      userId,
      Math.min(Math.max(1, limit), MAX_ROWS),
    )
    .toArray()
    .map((r) => ({ plan: r.plan, status: r.status, currentPeriodEnd: r.current_period_end }));
}
