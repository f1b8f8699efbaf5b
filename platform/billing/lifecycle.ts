import type { SubscriptionFacts } from "./facts";

/**
 * The subscription life cycle, once, for app subscriptions (apply.ts, in the app's Durable Object)
 * and creator plans (creator-billing.ts, in D1). Pure: the table in docs/billing.md is this file.
 *
 * - `canceled` and `incomplete_expired` are final for a subscription id: no later event of any
 *   type, and no re-read, brings the row back (T50).
 * - Invoice events move payment state only: `invoice.paid` extends what is paid for and ends a
 *   `past_due`/`unpaid`/`incomplete`; `invoice.payment_failed` makes a live row `past_due`. Neither
 *   ever writes a status a subscription event did not allow, and neither revives a final row.
 * - Access is decided at read time from the stored `paidThrough` (the end of the last period
 *   known to be paid for): `active`/`trialing` until `paidThrough + GRACE_MS`, `past_due` only
 *   until `paidThrough`, every other status never. So access ends even if no event ever arrives.
 * - When an event cannot be ordered or does not say enough (no row yet for a checkout or an
 *   invoice; two different statuses in the same second), the answer is `reread`: the webhook path
 *   asks Stripe for the subscription itself and applies that snapshot instead of guessing.
 */

/**
 * Past the paid period, access lasts this long. Stripe retries a webhook delivery for up to
 * three days, so a renewal that happened is known by then; a lost cancellation costs at most this.
 */
export const GRACE_MS = 3 * 24 * 60 * 60 * 1000;

export const FINAL_STATUSES: readonly string[] = ["canceled", "incomplete_expired"];
/** Statuses whose current period is paid for (or a granted trial): a snapshot in one of them extends `paidThrough`. */
const PAID_STATUSES: readonly string[] = ["active", "trialing"];
/** An `invoice.paid` ends these (Stripe moves them to `active` once the open invoice is paid). */
const SETTLED_BY_PAYMENT: readonly string[] = ["past_due", "unpaid", "incomplete"];
/** An `invoice.payment_failed` moves these to `past_due`. */
const FAILED_BY_PAYMENT: readonly string[] = ["active", "trialing"];

export const isFinal = (status: string): boolean => FINAL_STATUSES.includes(status);

/** What a row holds; every time is epoch ms. `eventCreated` orders writes (Stripe's `created`, or the re-read time). */
export interface LifecycleState {
  status: string;
  currentPeriodEnd: number | null;
  paidThrough: number | null;
  eventCreated: number;
}

/** One thing Stripe told us, in the vocabulary of the state machine. `at` is epoch ms. */
export type LifecycleFact =
  /**
   * A subscription as Stripe showed it: a `customer.subscription.*` event, or a re-read (`source: "stripe"`, `at` =
   * when read).
   */
  | { kind: "snapshot"; status: string | null; currentPeriodEnd: number | null; at: number; source: "event" | "stripe" }
  | { kind: "deleted"; currentPeriodEnd: number | null; at: number }
  | { kind: "checkout"; paid: boolean; at: number }
  | { kind: "invoice_paid"; periodEnd: number | null; at: number }
  | { kind: "invoice_failed"; at: number };

export type IgnoreReason = "final" | "stale" | "no_status" | "no_change" | "superseded" | "unknown_subscription";
export type RereadReason = "state_unknown" | "same_second_conflict";

export type Step =
  | { kind: "write"; state: LifecycleState }
  | { kind: "ignore"; reason: IgnoreReason }
  | { kind: "reread"; reason: RereadReason };

export interface StepOptions {
  /** A Stripe client is configured, so an ambiguous event can be resolved by asking Stripe. */
  canReread: boolean;
}

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));
const write = (state: LifecycleState): Step => ({ kind: "write", state });
const ignore = (reason: IgnoreReason): Step => ({ kind: "ignore", reason });
const reread = (reason: RereadReason): Step => ({ kind: "reread", reason });

const finalFact = (fact: LifecycleFact): boolean =>
  fact.kind === "deleted" || (fact.kind === "snapshot" && fact.status !== null && isFinal(fact.status));

/** A subscription we have no row for. */
function first(fact: LifecycleFact, options: StepOptions): Step {
  switch (fact.kind) {
    case "snapshot":
      if (fact.status === null)
        return options.canReread && fact.source === "event" ? reread("state_unknown") : ignore("no_status");
      return write({
        status: fact.status,
        currentPeriodEnd: fact.currentPeriodEnd,
        paidThrough: PAID_STATUSES.includes(fact.status) ? fact.currentPeriodEnd : null,
        eventCreated: fact.at,
      });
    case "deleted":
      return write({
        status: "canceled",
        currentPeriodEnd: fact.currentPeriodEnd,
        paidThrough: null,
        eventCreated: fact.at,
      });
    case "checkout":
      // A finished checkout says "paid", not until when: nothing is granted until a snapshot says so.
      if (options.canReread) return reread("state_unknown");
      return write({
        status: fact.paid ? "active" : "incomplete",
        currentPeriodEnd: null,
        paidThrough: null,
        eventCreated: fact.at,
      });
    case "invoice_paid":
    case "invoice_failed":
      return options.canReread ? reread("state_unknown") : ignore("unknown_subscription");
  }
}

/** The next state of a subscription, or why there is none. */
export function step(row: LifecycleState | null, fact: LifecycleFact, options: StepOptions): Step {
  if (row === null) return first(fact, options);
  if (isFinal(row.status)) return ignore(!finalFact(fact) && fact.at < row.eventCreated ? "stale" : "final");
  if (finalFact(fact)) {
    // Whatever arrives in whatever order: once Stripe ended a subscription, it is over.
    const status = fact.kind === "deleted" ? "canceled" : (fact as { status: string }).status;
    const periodEnd = "currentPeriodEnd" in fact ? fact.currentPeriodEnd : null;
    return write({
      ...row,
      status,
      currentPeriodEnd: periodEnd ?? row.currentPeriodEnd,
      eventCreated: Math.max(row.eventCreated, fact.at),
    });
  }
  switch (fact.kind) {
    case "snapshot": {
      if (fact.at < row.eventCreated) return ignore("stale");
      const status = fact.status ?? row.status;
      if (fact.at === row.eventCreated && status !== row.status && fact.source === "event") {
        // Stripe's clock has one-second resolution: two different states in one second cannot be ordered.
        if (options.canReread) return reread("same_second_conflict");
      }
      const currentPeriodEnd = fact.currentPeriodEnd ?? row.currentPeriodEnd;
      const paidThrough = PAID_STATUSES.includes(status) ? maxOf(row.paidThrough, currentPeriodEnd) : row.paidThrough;
      return write({ status, currentPeriodEnd, paidThrough, eventCreated: fact.at });
    }
    case "checkout":
      // The subscription's own events carry its state; a checkout adds nothing once a row exists.
      return ignore("superseded");
    case "invoice_paid": {
      const settles = fact.at >= row.eventCreated && SETTLED_BY_PAYMENT.includes(row.status);
      const next: LifecycleState = {
        status: settles ? "active" : row.status,
        currentPeriodEnd: maxOf(row.currentPeriodEnd, fact.periodEnd),
        paidThrough: maxOf(row.paidThrough, fact.periodEnd),
        eventCreated: Math.max(row.eventCreated, fact.at),
      };
      const changed =
        next.status !== row.status ||
        next.currentPeriodEnd !== row.currentPeriodEnd ||
        next.paidThrough !== row.paidThrough;
      return changed ? write(next) : ignore(fact.at < row.eventCreated ? "stale" : "no_change");
    }
    case "invoice_failed":
      if (fact.at < row.eventCreated) return ignore("stale");
      if (!FAILED_BY_PAYMENT.includes(row.status)) return ignore("no_change");
      return write({ ...row, status: "past_due", eventCreated: fact.at });
    case "deleted":
      // Handled above with the other final facts; here for the type checker.
      return ignore("final");
  }
}

/**
 * Read-time access: the one rule for apps (entitlements.ts) and creators (creator-billing.ts).
 * `past_due` keeps only what was paid for; `active`/`trialing` get the grace past it.
 */
export function hasAccess(state: { status: string; paidThrough: number | null }, now: number): boolean {
  if (state.paidThrough === null) return false;
  if (PAID_STATUSES.includes(state.status)) return now < state.paidThrough + GRACE_MS;
  if (state.status === "past_due") return now < state.paidThrough;
  return false;
}

/** The same rule as SQL over columns `status` and `paid_through`, for D1 statements that must stay one batch. */
export function hasAccessSql(nowParam: string): string {
  return `((status IN ('active', 'trialing') AND paid_through IS NOT NULL AND paid_through + ${GRACE_MS} > ${nowParam})
    OR (status = 'past_due' AND paid_through IS NOT NULL AND paid_through > ${nowParam}))`;
}

/** A verified event's facts as the state machine reads them; Stripe sends seconds, rows hold ms. */
export function factOfEvent(type: string, facts: SubscriptionFacts, createdSeconds: number): LifecycleFact | null {
  const at = createdSeconds * 1000;
  const periodEnd = facts.currentPeriodEnd === null ? null : facts.currentPeriodEnd * 1000;
  if (type === "customer.subscription.deleted") return { kind: "deleted", currentPeriodEnd: periodEnd, at };
  if (type.startsWith("customer.subscription."))
    return { kind: "snapshot", status: facts.status, currentPeriodEnd: periodEnd, at, source: "event" };
  if (type === "checkout.session.completed") return { kind: "checkout", paid: facts.status === "active", at };
  if (type === "invoice.paid") return { kind: "invoice_paid", periodEnd, at };
  if (type === "invoice.payment_failed") return { kind: "invoice_failed", at };
  return null;
}

/** A subscription re-read from Stripe at `readAtMs`: it reflects every event created before then. */
export function factOfSnapshot(facts: SubscriptionFacts, readAtMs: number): LifecycleFact {
  return {
    kind: "snapshot",
    status: facts.status,
    currentPeriodEnd: facts.currentPeriodEnd === null ? null : facts.currentPeriodEnd * 1000,
    at: readAtMs,
    source: "stripe",
  };
}
