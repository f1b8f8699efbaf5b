import { describe, expect, it } from "vitest";
import {
  factOfEvent,
  GRACE_MS,
  hasAccess,
  step,
  type LifecycleFact,
  type LifecycleState,
  type Step,
} from "./lifecycle";

/**
 * The subscription state machine (T50, I4, I5), cell by cell: every stored status against every
 * kind of fact, newer, older and in the same second, with and without a Stripe client to re-read
 * from. The same table is written out in docs/billing.md.
 */

const AT = 1_900_000_000_000; // the stored row's eventCreated (ms)
const DAY = 86_400_000;
const PERIOD = AT + 30 * DAY; // the stored period end
const PAID = AT + 30 * DAY; // what the stored row says is paid for
const NEXT = AT + 60 * DAY; // a later period

const LIVE = ["incomplete", "trialing", "active", "past_due", "unpaid", "paused"] as const;
const FINAL = ["canceled", "incomplete_expired"] as const;

const rowIn = (status: string, over: Partial<LifecycleState> = {}): LifecycleState => ({
  status,
  currentPeriodEnd: PERIOD,
  paidThrough: status === "incomplete" ? null : PAID,
  eventCreated: AT,
  ...over,
});

const snapshot = (
  status: string | null,
  at: number,
  currentPeriodEnd: number | null = NEXT,
  source: "event" | "stripe" = "event",
): LifecycleFact => ({
  kind: "snapshot",
  status,
  currentPeriodEnd,
  at,
  source,
});

const write = (state: LifecycleState): Step => ({ kind: "write", state });
const ignore = (reason: string): Step => ({ kind: "ignore", reason }) as Step;
const reread = (reason: string): Step => ({ kind: "reread", reason }) as Step;

const withStripe = { canReread: true };
const noStripe = { canReread: false };

describe("no row yet", () => {
  it.each([
    [
      "an active snapshot: paid through its period",
      snapshot("active", AT),
      withStripe,
      write({ status: "active", currentPeriodEnd: NEXT, paidThrough: NEXT, eventCreated: AT }),
    ],
    [
      "a trialing snapshot: the trial is granted",
      snapshot("trialing", AT),
      withStripe,
      write({ status: "trialing", currentPeriodEnd: NEXT, paidThrough: NEXT, eventCreated: AT }),
    ],
    [
      "a past_due snapshot: nothing known to be paid",
      snapshot("past_due", AT),
      withStripe,
      write({ status: "past_due", currentPeriodEnd: NEXT, paidThrough: null, eventCreated: AT }),
    ],
    [
      "an incomplete snapshot",
      snapshot("incomplete", AT),
      withStripe,
      write({ status: "incomplete", currentPeriodEnd: NEXT, paidThrough: null, eventCreated: AT }),
    ],
    ["a snapshot without a status, with Stripe: re-read", snapshot(null, AT), withStripe, reread("state_unknown")],
    ["a snapshot without a status, without Stripe", snapshot(null, AT), noStripe, ignore("no_status")],
    [
      "deleted",
      { kind: "deleted", currentPeriodEnd: PERIOD, at: AT },
      withStripe,
      write({ status: "canceled", currentPeriodEnd: PERIOD, paidThrough: null, eventCreated: AT }),
    ],
    [
      "a finished checkout, with Stripe: re-read (it says paid, not until when)",
      { kind: "checkout", paid: true, at: AT },
      withStripe,
      reread("state_unknown"),
    ],
    [
      "a paid checkout, without Stripe: active but nothing granted yet",
      { kind: "checkout", paid: true, at: AT },
      noStripe,
      write({ status: "active", currentPeriodEnd: null, paidThrough: null, eventCreated: AT }),
    ],
    [
      "an unpaid checkout, without Stripe",
      { kind: "checkout", paid: false, at: AT },
      noStripe,
      write({ status: "incomplete", currentPeriodEnd: null, paidThrough: null, eventCreated: AT }),
    ],
    [
      "invoice.paid before any subscription event, with Stripe: re-read",
      { kind: "invoice_paid", periodEnd: NEXT, at: AT },
      withStripe,
      reread("state_unknown"),
    ],
    [
      "invoice.paid before any subscription event, without Stripe",
      { kind: "invoice_paid", periodEnd: NEXT, at: AT },
      noStripe,
      ignore("unknown_subscription"),
    ],
    [
      "invoice.payment_failed first, with Stripe: re-read",
      { kind: "invoice_failed", at: AT },
      withStripe,
      reread("state_unknown"),
    ],
    [
      "invoice.payment_failed first, without Stripe",
      { kind: "invoice_failed", at: AT },
      noStripe,
      ignore("unknown_subscription"),
    ],
    [
      "a re-read snapshot",
      snapshot("active", AT + 5, NEXT, "stripe"),
      noStripe,
      write({ status: "active", currentPeriodEnd: NEXT, paidThrough: NEXT, eventCreated: AT + 5 }),
    ],
  ] as Array<[string, LifecycleFact, { canReread: boolean }, Step]>)("%s", (_name, fact, options, want) => {
    expect(step(null, fact, options)).toEqual(want);
  });
});

describe.each(FINAL)("T50: %s is final for the subscription id", (status) => {
  const row = rowIn(status);
  it.each([
    ["a newer active snapshot", snapshot("active", AT + 1000), "final"],
    ["a newer snapshot from a re-read", snapshot("active", AT + 1000, NEXT, "stripe"), "final"],
    ["a same-second active snapshot", snapshot("active", AT), "final"],
    ["an older active snapshot", snapshot("active", AT - 1000), "stale"],
    ["a late invoice.paid for a later period", { kind: "invoice_paid", periodEnd: NEXT, at: AT + 1000 }, "final"],
    ["an older invoice.paid", { kind: "invoice_paid", periodEnd: NEXT, at: AT - 1000 }, "stale"],
    ["invoice.payment_failed", { kind: "invoice_failed", at: AT + 1000 }, "final"],
    ["a checkout", { kind: "checkout", paid: true, at: AT + 1000 }, "final"],
    ["deleted again (new event id)", { kind: "deleted", currentPeriodEnd: PERIOD, at: AT + 1000 }, "final"],
    ["an older deleted", { kind: "deleted", currentPeriodEnd: PERIOD, at: AT - 1000 }, "final"],
  ] as Array<[string, LifecycleFact, string]>)("%s is ignored (%s), with or without Stripe", (_name, fact, reason) => {
    expect(step(row, fact, withStripe)).toEqual(ignore(reason));
    expect(step(row, fact, noStripe)).toEqual(ignore(reason));
  });
});

describe.each(LIVE)("a %s subscription", (status) => {
  const row = rowIn(status);
  const paidThroughBefore = row.paidThrough;

  it("ends with deleted, newer or OLDER, keeping its period for the record", () => {
    for (const at of [AT + 1000, AT, AT - 1000]) {
      expect(step(row, { kind: "deleted", currentPeriodEnd: null, at }, withStripe)).toEqual(
        write({ ...row, status: "canceled", eventCreated: Math.max(AT, at) }),
      );
    }
  });
  it("ends with an incomplete_expired or canceled snapshot in any order", () => {
    for (const end of FINAL)
      expect(step(row, snapshot(end, AT - 1000), withStripe)).toEqual(
        write({ ...row, status: end, currentPeriodEnd: NEXT }),
      );
  });
  it("takes a newer snapshot's status and period; active/trialing extend what is paid for", () => {
    for (const next of ["active", "trialing", "past_due", "unpaid", "paused"]) {
      const paid = next === "active" || next === "trialing" ? NEXT : paidThroughBefore;
      expect(step(row, snapshot(next, AT + 1000), withStripe), next).toEqual(
        write({ status: next, currentPeriodEnd: NEXT, paidThrough: paid, eventCreated: AT + 1000 }),
      );
    }
  });
  it("ignores an older snapshot as stale (T37)", () => {
    expect(step(row, snapshot("active", AT - 1000), withStripe)).toEqual(ignore("stale"));
  });
  it("re-reads a same-second snapshot with another status; without Stripe the later arrival wins", () => {
    const other = status === "active" ? "past_due" : "active";
    expect(step(row, snapshot(other, AT), withStripe)).toEqual(reread("same_second_conflict"));
    expect(step(row, snapshot(other, AT), noStripe).kind).toBe("write");
    // The same status in the same second is not a conflict.
    expect(step(row, snapshot(status, AT), withStripe).kind).toBe("write");
  });
  it("keeps its status when a snapshot tells none", () => {
    expect(step(row, snapshot(null, AT + 1000, null), withStripe)).toEqual(
      write({
        ...row,
        eventCreated: AT + 1000,
        paidThrough: status === "active" || status === "trialing" ? PAID : paidThroughBefore,
      }),
    );
  });
  it("ignores a checkout: the subscription's own events carry its state", () => {
    expect(step(row, { kind: "checkout", paid: true, at: AT + 1000 }, withStripe)).toEqual(ignore("superseded"));
  });
  it("invoice.paid settles past_due/unpaid/incomplete to active and extends the paid period; nothing else", () => {
    const got = step(row, { kind: "invoice_paid", periodEnd: NEXT, at: AT + 1000 }, withStripe);
    const settles = status === "past_due" || status === "unpaid" || status === "incomplete";
    expect(got).toEqual(
      write({
        status: settles ? "active" : status,
        currentPeriodEnd: NEXT,
        paidThrough: NEXT,
        eventCreated: AT + 1000,
      }),
    );
  });
  it("a late invoice.paid (older than the row) never changes the status, only extends what is paid for", () => {
    const got = step(row, { kind: "invoice_paid", periodEnd: NEXT, at: AT - 1000 }, withStripe);
    expect(got).toEqual(write({ ...row, currentPeriodEnd: NEXT, paidThrough: NEXT }));
    // Nothing new in it at all: stale.
    expect(step(row, { kind: "invoice_paid", periodEnd: PAID - DAY, at: AT - 1000 }, withStripe)).toEqual(
      status === "incomplete" ? write({ ...row, paidThrough: PAID - DAY }) : ignore("stale"),
    );
  });
  it("invoice.payment_failed makes active/trialing past_due, keeps what was paid for, changes nothing else", () => {
    const got = step(row, { kind: "invoice_failed", at: AT + 1000 }, withStripe);
    if (status === "active" || status === "trialing")
      expect(got).toEqual(write({ ...row, status: "past_due", eventCreated: AT + 1000 }));
    else expect(got).toEqual(ignore("no_change"));
    expect(step(row, { kind: "invoice_failed", at: AT - 1000 }, withStripe)).toEqual(ignore("stale"));
  });
});

describe("T50: access is decided at read time from what was paid for", () => {
  it.each([
    ["active inside the paid period", "active", PAID, PAID - 1, true],
    ["active in the grace after it (renewal event late or lost)", "active", PAID, PAID + GRACE_MS - 1, true],
    ["active past the grace, with no further event", "active", PAID, PAID + GRACE_MS, false],
    ["trialing inside the trial", "trialing", PAID, PAID - 1, true],
    ["trialing past trial + grace", "trialing", PAID, PAID + GRACE_MS, false],
    ["past_due inside the paid period", "past_due", PAID, PAID - 1, true],
    ["past_due after the paid period: no grace", "past_due", PAID, PAID, false],
    ["active with nothing known to be paid", "active", null, AT, false],
    ["unpaid", "unpaid", PAID, AT, false],
    ["paused", "paused", PAID, AT, false],
    ["incomplete", "incomplete", PAID, AT, false],
    ["canceled inside what was paid (cancellation is immediate)", "canceled", PAID, AT, false],
    ["incomplete_expired", "incomplete_expired", PAID, AT, false],
  ] as Array<[string, string, number | null, number, boolean]>)("%s", (_name, status, paidThrough, now, want) => {
    expect(hasAccess({ status, paidThrough }, now)).toBe(want);
  });
});

describe("events as facts", () => {
  const facts = {
    subscriptionId: "sub_1",
    customerId: null,
    metadata: {},
    status: "active",
    currentPeriodEnd: 1_900_000_100,
  };
  it("reads each handled type; Stripe's seconds become ms", () => {
    expect(factOfEvent("customer.subscription.updated", facts, 1_900_000_000)).toEqual(
      snapshot("active", 1_900_000_000_000, 1_900_000_100_000),
    );
    expect(factOfEvent("customer.subscription.paused", { ...facts, status: "paused" }, 1)).toMatchObject({
      kind: "snapshot",
      status: "paused",
    });
    expect(factOfEvent("customer.subscription.deleted", facts, 1)).toEqual({
      kind: "deleted",
      currentPeriodEnd: 1_900_000_100_000,
      at: 1000,
    });
    expect(factOfEvent("checkout.session.completed", facts, 1)).toEqual({ kind: "checkout", paid: true, at: 1000 });
    expect(factOfEvent("checkout.session.completed", { ...facts, status: "incomplete" }, 1)).toEqual({
      kind: "checkout",
      paid: false,
      at: 1000,
    });
    expect(factOfEvent("invoice.paid", { ...facts, status: null }, 1)).toEqual({
      kind: "invoice_paid",
      periodEnd: 1_900_000_100_000,
      at: 1000,
    });
    expect(factOfEvent("invoice.payment_failed", facts, 1)).toEqual({ kind: "invoice_failed", at: 1000 });
    expect(factOfEvent("charge.succeeded", facts, 1)).toBeNull();
  });
});
