import { META, type SubscriptionFacts } from "./facts";

/**
 * Applies one verified, routed webhook event to an app's Durable Object storage. Recording the
 * event id and changing subscription state happen in ONE synchronous transaction, so N concurrent
 * deliveries of the same event change state exactly once (T36), and a crash between the two
 * cannot happen (I5).
 */

export interface AppBillingEvent {
  id: string;
  type: string;
  /** Stripe's `event.created`, in seconds. */
  created: number;
  facts: SubscriptionFacts | null;
  /** Plan ids the app's manifest sells today; a subscription for anything else grants nothing. */
  planIds: string[];
}

export type ApplyOutcome = { outcome: "applied" } | { outcome: "ignored"; reason: string } | { outcome: "duplicate" };

type Decision = { status: "applied" } | { status: "ignored"; reason: string };

interface SubscriptionRow {
  user_id: string;
  plan: string;
  status: string;
  current_period_end: number | null;
  event_created: number;
}

const ignored = (reason: string): Decision => ({ status: "ignored", reason });

/**
 * Stale = older than what the row already reflects. At an equal timestamp (Stripe's clock has one-
 * second resolution) a cancellation wins, so a same-second `updated` cannot revive it (T37).
 */
function isStale(row: SubscriptionRow, createdMs: number): boolean {
  return row.event_created > createdMs || (row.event_created === createdMs && row.status === "canceled");
}

function decideAndWrite(sql: SqlStorage, event: AppBillingEvent, now: number): Decision {
  const facts = event.facts;
  if (!facts) return ignored("unhandled_type");
  if (!facts.subscriptionId) return ignored("no_subscription");
  const row = sql
    .exec<Record<string, SqlStorageValue>>("SELECT user_id, plan, status, current_period_end, event_created FROM subscriptions WHERE id = ?", facts.subscriptionId)
    .toArray()[0] as SubscriptionRow | undefined;
  const userId = facts.metadata[META.userId] ?? row?.user_id;
  const plan = facts.metadata[META.plan] ?? row?.plan;
  if (!userId || !plan) return ignored("unknown_subscription");
  // Metadata is written by us at checkout; a row that already names someone else is not re-pointed.
  if (row && (row.user_id !== userId || row.plan !== plan)) return ignored("metadata_mismatch");
  if (!event.planIds.includes(plan)) return ignored("unknown_plan");
  if (sql.exec("SELECT 1 FROM users WHERE id = ?", userId).toArray().length === 0) return ignored("unknown_user");
  const createdMs = event.created * 1000;
  if (row && isStale(row, createdMs)) return ignored("stale");
  const status = facts.status ?? row?.status;
  if (!status) return ignored("no_status");
  // Stripe sends seconds; every time column in the object is epoch ms.
  const periodEnd = facts.currentPeriodEnd !== null ? facts.currentPeriodEnd * 1000 : (row?.current_period_end ?? null);
  sql.exec(
    `INSERT INTO subscriptions (id, user_id, plan, status, current_period_end, event_created, event_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET status = excluded.status, current_period_end = excluded.current_period_end,
       event_created = excluded.event_created, event_id = excluded.event_id, updated_at = excluded.updated_at`,
    facts.subscriptionId, userId, plan, status, periodEnd, createdMs, event.id, now,
  );
  // The portal needs the customer; the first one seen for a user stays (a user has one customer).
  if (facts.customerId) sql.exec("INSERT OR IGNORE INTO billing_customers (user_id, customer_id) VALUES (?, ?)", userId, facts.customerId);
  return { status: "applied" };
}

/** The object's storage as apply needs it: raw SQL inside one synchronous transaction. */
export interface ApplyStore {
  sql: SqlStorage;
  transactionSync<T>(fn: () => T): T;
}

export function applyAppEvent(store: ApplyStore, event: AppBillingEvent, now: number): ApplyOutcome {
  return store.transactionSync((): ApplyOutcome => {
    const sql = store.sql;
    // The primary key on the event id is the de-duplication: the second insert inserts nothing.
    const inserted = sql
      .exec("INSERT INTO webhook_events (id, type, status, reason, event_created, received_at) VALUES (?, ?, 'applied', NULL, ?, ?) ON CONFLICT(id) DO NOTHING RETURNING id", event.id, event.type, event.created * 1000, now)
      .toArray();
    if (inserted.length === 0) return { outcome: "duplicate" };
    const decision = decideAndWrite(sql, event, now);
    if (decision.status === "applied") return { outcome: "applied" };
    sql.exec("UPDATE webhook_events SET status = 'ignored', reason = ? WHERE id = ?", decision.reason, event.id);
    return { outcome: "ignored", reason: decision.reason };
  });
}

