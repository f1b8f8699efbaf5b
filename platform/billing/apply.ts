import { META, type SubscriptionFacts } from "./facts";
import { factOfEvent, factOfSnapshot, step, type LifecycleFact, type LifecycleState } from "./lifecycle";

/**
 * Applies one verified, routed webhook event to an app's Durable Object storage, following the
 * life cycle in lifecycle.ts. The duplicate check, the decision and both writes (the event record
 * and the subscription row) happen in ONE synchronous transaction, so N concurrent deliveries of
 * the same event change state exactly once (T36), and a crash between the two cannot happen (I5).
 */

export interface AppBillingEvent {
  id: string;
  type: string;
  /** Stripe's `event.created`, in seconds. */
  created: number;
  facts: SubscriptionFacts | null;
  /** Plan ids the app's manifest sells today; a subscription for anything else grants nothing. */
  planIds: string[];
  /** A Stripe client is configured: an ambiguous event answers `reread` instead of being guessed at. */
  canReread?: boolean;
  /**
   * The subscription as re-read from Stripe for this event (the answer to `reread`): applied
   * instead of the event's own facts, ordered at `readAt` (ms). `missing`: Stripe has no such subscription.
   */
  reread?: { facts: SubscriptionFacts; readAt: number } | { missing: true };
}

export type ApplyOutcome =
  | { outcome: "applied" }
  | { outcome: "ignored"; reason: string }
  | { outcome: "duplicate" }
  /** Not recorded: the caller re-reads the subscription from Stripe and applies again with `reread`. */
  | { outcome: "reread"; reason: string }
  /** Not recorded: a concurrent write won (D1 only); Stripe is asked to deliver again. */
  | { outcome: "retry" };

type Decision = { status: "applied" } | { status: "ignored"; reason: string } | { status: "reread"; reason: string };

interface SubscriptionRow {
  user_id: string;
  plan: string;
  status: string;
  current_period_end: number | null;
  paid_through: number | null;
  event_created: number;
}

const ignored = (reason: string): Decision => ({ status: "ignored", reason });

const stateOf = (row: SubscriptionRow): LifecycleState => ({
  status: row.status,
  currentPeriodEnd: row.current_period_end,
  paidThrough: row.paid_through,
  eventCreated: row.event_created,
});

/** The facts this event is applied with: a re-read snapshot when there is one, else the event's own. */
function factsAndFact(event: AppBillingEvent): { facts: SubscriptionFacts; fact: LifecycleFact } | Decision {
  if (!event.facts) return ignored("unhandled_type");
  if (!event.facts.subscriptionId) return ignored("no_subscription");
  if (event.reread && "missing" in event.reread) return ignored("unknown_subscription");
  if (event.reread) {
    // Metadata from the event stays authoritative for routing; Stripe's copy fills the gaps.
    const facts = {
      ...event.reread.facts,
      subscriptionId: event.facts.subscriptionId,
      metadata: { ...event.reread.facts.metadata, ...event.facts.metadata },
    };
    return { facts, fact: factOfSnapshot(facts, event.reread.readAt) };
  }
  const fact = factOfEvent(event.type, event.facts, event.created);
  return fact ? { facts: event.facts, fact } : ignored("unhandled_type");
}

function decideAndWrite(sql: SqlStorage, event: AppBillingEvent, now: number): Decision {
  const read = factsAndFact(event);
  if ("status" in read) return read;
  const { facts, fact } = read;
  const row = sql
    .exec<Record<string, SqlStorageValue>>(
      "SELECT user_id, plan, status, current_period_end, paid_through, event_created FROM subscriptions WHERE id = ?",
      facts.subscriptionId,
    )
    .toArray()[0] as SubscriptionRow | undefined;
  const userId = facts.metadata[META.userId] ?? row?.user_id;
  const plan = facts.metadata[META.plan] ?? row?.plan;
  if (!userId || !plan) return ignored("unknown_subscription");
  // Metadata is written by us at checkout; a row that already names someone else is not re-pointed.
  if (row && (row.user_id !== userId || row.plan !== plan)) return ignored("metadata_mismatch");
  if (!event.planIds.includes(plan)) return ignored("unknown_plan");
  if (sql.exec("SELECT 1 FROM users WHERE id = ?", userId).toArray().length === 0) return ignored("unknown_user");
  const next = step(row ? stateOf(row) : null, fact, { canReread: event.canReread === true && !event.reread });
  if (next.kind === "ignore") return ignored(next.reason);
  if (next.kind === "reread") return { status: "reread", reason: next.reason };
  const s = next.state;
  sql.exec(
    `INSERT INTO subscriptions (id, user_id, plan, status, current_period_end, paid_through, event_created,
      event_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET status = excluded.status, current_period_end = excluded.current_period_end,
       paid_through = excluded.paid_through, event_created = excluded.event_created, event_id = excluded.event_id,
       updated_at = excluded.updated_at`,
    facts.subscriptionId,
    userId,
    plan,
    s.status,
    s.currentPeriodEnd,
    s.paidThrough,
    s.eventCreated,
    event.id,
    now,
  );
  // The portal needs the customer; the first one seen for a user stays (a user has one customer).
  if (facts.customerId)
    sql.exec("INSERT OR IGNORE INTO billing_customers (user_id, customer_id) VALUES (?, ?)", userId, facts.customerId);
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
    // The primary key on the event id is the de-duplication; checked and written in this transaction.
    if (sql.exec("SELECT 1 FROM webhook_events WHERE id = ?", event.id).toArray().length > 0)
      return { outcome: "duplicate" };
    const decision = decideAndWrite(sql, event, now);
    // A re-read is not an outcome yet: nothing is recorded, so the answer that follows is applied once.
    if (decision.status === "reread") return { outcome: "reread", reason: decision.reason };
    const reason = decision.status === "ignored" ? decision.reason : null;
    sql.exec(
      "INSERT INTO webhook_events (id, type, status, reason, event_created, received_at) VALUES (?, ?, ?, ?, ?, ?)",
      event.id,
      event.type,
      decision.status,
      reason,
      event.created * 1000,
      now,
    );
    return decision.status === "applied" ? { outcome: "applied" } : { outcome: "ignored", reason: decision.reason };
  });
}
