/**
 * applyAppEvent over a subscription's life (T50): final statuses, past_due and what was paid for,
 * re-reads from Stripe when the order is ambiguous, and entitlements decided at read time.
 * Harness: test/helpers/billing-events.ts.
 */
import { env } from "cloudflare:workers";
import type { Manifest } from "../manifest/schema";
import type { AppObject } from "../object/app-object";
import { appStoreOf } from "../object/store";
import { appStub } from "../worker/stubs";
import { applyAppEvent } from "./apply";
import { entitlementsFor } from "./entitlements";
import { GRACE_MS } from "./lifecycle";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  addUsers,
  afterCreated0,
  applied,
  type Case,
  created0,
  DAY,
  duplicate,
  ev,
  ignored,
  itAppliesEachCase,
  NOW,
  readAt,
  row,
  stripeSays,
  T,
} from "../../test/helpers/billing-events";

const CASES: Case[] = [
  {
    name: "T50: a late invoice.paid after the cancellation is ignored as final and grants nothing",
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      {
        event: ev("evt_del", "customer.subscription.deleted", T + 100, { status: "canceled" }),
        outcome: applied,
        subscriptions: [
          row("evt_del", T + 100, 1, {
            status: "canceled",
            current_period_end: (T + 100 + 30 * DAY) * 1000,
            paid_through: (T + 30 * DAY) * 1000,
          }),
        ],
      },
      {
        event: ev("evt_late_paid", "invoice.paid", T + 200, { status: null, currentPeriodEnd: T + 200 + 30 * DAY }),
        outcome: ignored("final"),
        subscriptions: [
          row("evt_del", T + 100, 1, {
            status: "canceled",
            current_period_end: (T + 100 + 30 * DAY) * 1000,
            paid_through: (T + 30 * DAY) * 1000,
          }),
        ],
      },
      {
        event: ev("evt_late_upd", "customer.subscription.updated", T + 300, { status: "active" }),
        outcome: ignored("final"),
        subscriptions: [
          row("evt_del", T + 100, 1, {
            status: "canceled",
            current_period_end: (T + 100 + 30 * DAY) * 1000,
            paid_through: (T + 30 * DAY) * 1000,
          }),
        ],
      },
    ],
  },
  {
    name: "T50: incomplete_expired is final: a later invoice.paid, an active update and a re-read change nothing",
    steps: [
      {
        event: ev("evt_inc", "customer.subscription.created", T, { status: "incomplete" }),
        outcome: applied,
        subscriptions: [row("evt_inc", T, 0, { status: "incomplete" })],
      },
      {
        event: ev("evt_exp", "customer.subscription.updated", T + 10, { status: "incomplete_expired" }),
        outcome: applied,
        subscriptions: [row("evt_exp", T + 10, 1, { status: "incomplete_expired" })],
      },
      {
        event: ev("evt_paid", "invoice.paid", T + 20, { status: null }),
        outcome: ignored("final"),
        subscriptions: [row("evt_exp", T + 10, 1, { status: "incomplete_expired" })],
      },
      {
        event: ev("evt_act", "customer.subscription.updated", T + 30, { status: "active" }),
        outcome: ignored("final"),
        subscriptions: [row("evt_exp", T + 10, 1, { status: "incomplete_expired" })],
      },
      {
        event: { ...ev("evt_reread", "invoice.paid", T + 40, { status: null }), reread: stripeSays("active") },
        outcome: ignored("final"),
        subscriptions: [row("evt_exp", T + 10, 1, { status: "incomplete_expired" })],
      },
    ],
  },
  {
    name: "invoice.payment_failed then invoice.paid: past_due keeps the paid period; the payment extends it",
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      {
        event: ev("evt_fail", "invoice.payment_failed", T + 10, { status: null, currentPeriodEnd: null }),
        outcome: applied,
        subscriptions: [
          row("evt_fail", T + 10, 1, {
            status: "past_due",
            current_period_end: (T + 30 * DAY) * 1000,
            paid_through: (T + 30 * DAY) * 1000,
          }),
        ],
      },
      // Delivered twice by Stripe (a new attempt, a new event id): no change the second time.
      {
        event: ev("evt_fail2", "invoice.payment_failed", T + 11, { status: null, currentPeriodEnd: null }),
        outcome: ignored("no_change"),
        subscriptions: [
          row("evt_fail", T + 10, 1, {
            status: "past_due",
            current_period_end: (T + 30 * DAY) * 1000,
            paid_through: (T + 30 * DAY) * 1000,
          }),
        ],
      },
      {
        event: ev("evt_paid", "invoice.paid", T + 20, { status: null, currentPeriodEnd: T + 60 * DAY }),
        outcome: applied,
        subscriptions: [row("evt_paid", T + 20, 3, { current_period_end: (T + 60 * DAY) * 1000 })],
      },
    ],
  },
  {
    name: "an ambiguous event with Stripe configured is not recorded (reread); the re-read applies once, at the read",
    steps: [
      {
        event: { ...ev("evt_inv", "invoice.paid", T, { status: null }), canReread: true },
        outcome: { outcome: "reread", reason: "state_unknown" },
        subscriptions: [],
      },
      {
        event: { ...ev("evt_inv", "invoice.paid", T, { status: null }), canReread: true, reread: stripeSays("active") },
        outcome: applied,
        subscriptions: [
          row("evt_inv", T, 1, { current_period_end: (T + 500 + 30 * DAY) * 1000, event_created: readAt }),
        ],
      },
      {
        event: {
          ...ev("evt_inv", "invoice.paid", T, { status: null }),
          canReread: true,
          reread: stripeSays("canceled"),
        },
        outcome: duplicate,
        subscriptions: [
          row("evt_inv", T, 1, { current_period_end: (T + 500 + 30 * DAY) * 1000, event_created: readAt }),
        ],
      },
      // Events created before the read are already in the snapshot: stale.
      {
        event: ev("evt_before_read", "customer.subscription.updated", T + 400, { status: "past_due" }),
        outcome: ignored("stale"),
        subscriptions: [
          row("evt_inv", T, 1, { current_period_end: (T + 500 + 30 * DAY) * 1000, event_created: readAt }),
        ],
      },
    ],
  },
  {
    name: "a checkout before any subscription event, with Stripe: reread; a past_due re-read grants nothing",
    steps: [
      {
        event: {
          ...ev("evt_cs", "checkout.session.completed", T, { status: "active", currentPeriodEnd: null }),
          canReread: true,
        },
        outcome: { outcome: "reread", reason: "state_unknown" },
        subscriptions: [],
      },
      {
        event: {
          ...ev("evt_cs", "checkout.session.completed", T, { status: "active", currentPeriodEnd: null }),
          canReread: true,
          reread: stripeSays("past_due"),
        },
        outcome: applied,
        subscriptions: [
          row("evt_cs", T, 1, {
            status: "past_due",
            current_period_end: (T + 500 + 30 * DAY) * 1000,
            paid_through: null,
            event_created: readAt,
          }),
        ],
      },
    ],
  },
  {
    name: "Stripe has no such subscription: the re-read answer is ignored as unknown",
    steps: [
      {
        event: { ...ev("evt_inv", "invoice.payment_failed", T, { status: null }), canReread: true },
        outcome: { outcome: "reread", reason: "state_unknown" },
        subscriptions: [],
      },
      {
        event: {
          ...ev("evt_inv", "invoice.payment_failed", T, { status: null }),
          canReread: true,
          reread: { missing: true },
        },
        outcome: ignored("unknown_subscription"),
        subscriptions: [],
      },
    ],
  },
  {
    name: "two different statuses in one second, with Stripe: reread instead of guessing the order",
    steps: [
      {
        event: ev("evt_a", "customer.subscription.updated", T, { status: "active" }),
        outcome: applied,
        subscriptions: [row("evt_a", T, 0)],
      },
      {
        event: { ...ev("evt_b", "customer.subscription.updated", T, { status: "past_due" }), canReread: true },
        outcome: { outcome: "reread", reason: "same_second_conflict" },
        subscriptions: [row("evt_a", T, 0)],
      },
      {
        event: {
          ...ev("evt_b", "customer.subscription.updated", T, { status: "past_due" }),
          canReread: true,
          reread: stripeSays("past_due"),
        },
        outcome: applied,
        subscriptions: [
          row("evt_b", T, 2, {
            status: "past_due",
            current_period_end: (T + 500 + 30 * DAY) * 1000,
            paid_through: (T + 30 * DAY) * 1000,
            event_created: readAt,
          }),
        ],
      },
    ],
  },
];

describe("applyAppEvent: a subscription's life (T50)", () => {
  itAppliesEachCase(CASES);

  it("T50: entitlements are decided at read time from what was paid for, with no further event", async () => {
    await runInDurableObject(appStub(env, "apply-test:read-time"), (_object: AppObject, state) => {
      const store = appStoreOf(state.storage);
      addUsers(store, ["u1"]);
      const manifest = {
        plans: [
          { id: "pro", name: "Pro", price: { amount: 1, currency: "usd", interval: "month" }, grants: ["notes"] },
        ],
      } as unknown as Manifest;
      expect(applyAppEvent(store, { ...created0, planIds: ["pro"] }, NOW)).toEqual(applied);
      const paidThrough = (T + 30 * DAY) * 1000;
      expect(entitlementsFor(store.db, manifest, "u1", paidThrough - 1)).toEqual({ plans: ["pro"], grants: ["notes"] });
      // The renewal event is late or lost: the grace keeps access, then it ends by itself.
      expect(entitlementsFor(store.db, manifest, "u1", paidThrough + GRACE_MS - 1).plans).toEqual(["pro"]);
      expect(entitlementsFor(store.db, manifest, "u1", paidThrough + GRACE_MS)).toEqual({ plans: [], grants: [] });
      // past_due: only inside what was paid, no grace.
      expect(
        applyAppEvent(
          store,
          { ...ev("evt_fail", "invoice.payment_failed", T + 10, { status: null }), planIds: ["pro"] },
          NOW + 1,
        ),
      ).toEqual(applied);
      expect(entitlementsFor(store.db, manifest, "u1", paidThrough - 1).plans).toEqual(["pro"]);
      expect(entitlementsFor(store.db, manifest, "u1", paidThrough).plans).toEqual([]);
      // A late invoice.paid for the next period renews it; a cancellation after that ends it at once.
      expect(
        applyAppEvent(
          store,
          {
            ...ev("evt_paid", "invoice.paid", T + 20, { status: null, currentPeriodEnd: T + 60 * DAY }),
            planIds: ["pro"],
          },
          NOW + 2,
        ),
      ).toEqual(applied);
      expect(entitlementsFor(store.db, manifest, "u1", paidThrough + GRACE_MS).plans).toEqual(["pro"]);
      expect(
        applyAppEvent(
          store,
          { ...ev("evt_del", "customer.subscription.deleted", T + 30, { status: "canceled" }), planIds: ["pro"] },
          NOW + 3,
        ),
      ).toEqual(applied);
      expect(entitlementsFor(store.db, manifest, "u1", T * 1000).plans).toEqual([]);
    });
  });
});
