/**
 * applyAppEvent: exactly once and newest wins (I5, T36, T37) — duplicates, order across seconds and
 * within one second, and concurrent deliveries through the object's RPC. Harness:
 * test/helpers/billing-events.ts.
 */
import { env } from "cloudflare:workers";
import type { AppObject } from "../object/app-object";
import { appStoreOf } from "../object/store";
import { appStub } from "../worker/stubs";
import type { AppBillingEvent } from "./apply";
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
  row,
  select,
  T,
} from "../../test/helpers/billing-events";

const CASES: Case[] = [
  {
    name: "the first event is applied and its customer remembered",
    steps: [{ event: created0, outcome: applied, subscriptions: afterCreated0 }],
    customers: [{ user_id: "u1", customer_id: "cus_1" }],
  },
  {
    name: "T36: the same event id again is a duplicate and changes nothing, even with other content",
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      { event: created0, outcome: duplicate, subscriptions: afterCreated0 },
      {
        event: ev("evt_a", "customer.subscription.deleted", T + 50, { status: "canceled" }),
        outcome: duplicate,
        subscriptions: afterCreated0,
      },
    ],
  },
  {
    name: "newer events apply in order: created → payment failed → paid",
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      {
        event: ev("evt_b", "invoice.payment_failed", T + 10, { status: "past_due", currentPeriodEnd: null }),
        outcome: applied,
        // An invoice without a period keeps the period the row already had.
        // past_due keeps what was paid for; it does not extend it.
        subscriptions: [
          row("evt_b", T + 10, 1, {
            status: "past_due",
            current_period_end: (T + 30 * DAY) * 1000,
            paid_through: (T + 30 * DAY) * 1000,
          }),
        ],
      },
      {
        event: ev("evt_c", "invoice.paid", T + 20, { status: "active", currentPeriodEnd: T + 60 * DAY }),
        outcome: applied,
        subscriptions: [row("evt_c", T + 20, 2, { current_period_end: (T + 60 * DAY) * 1000 })],
      },
    ],
  },
  {
    name: "T37: an older event delivered after a newer one is stale",
    steps: [
      {
        event: ev("evt_new", "customer.subscription.updated", T + 100, { status: "past_due" }),
        outcome: applied,
        subscriptions: [row("evt_new", T + 100, 0, { status: "past_due" })],
      },
      {
        event: ev("evt_old", "customer.subscription.updated", T, { status: "active" }),
        outcome: ignored("stale"),
        subscriptions: [row("evt_new", T + 100, 0, { status: "past_due" })],
      },
    ],
  },
  {
    name: "T37: deleted, then an older updated arrives: still canceled",
    steps: [
      {
        event: ev("evt_del", "customer.subscription.deleted", T + 100, { status: "canceled" }),
        outcome: applied,
        subscriptions: [row("evt_del", T + 100, 0, { status: "canceled" })],
      },
      {
        event: ev("evt_upd", "customer.subscription.updated", T + 99, { status: "active" }),
        outcome: ignored("stale"),
        subscriptions: [row("evt_del", T + 100, 0, { status: "canceled" })],
      },
    ],
  },
  {
    name: "T37: in the same second a cancellation wins: updated → deleted applies, a same-second update is stale",
    steps: [
      {
        event: ev("evt_u1", "customer.subscription.updated", T, { status: "active" }),
        outcome: applied,
        subscriptions: [row("evt_u1", T, 0)],
      },
      // A cancellation keeps the row's record of what was paid; the status alone ends access.
      {
        event: ev("evt_d", "customer.subscription.deleted", T, { status: "canceled" }),
        outcome: applied,
        subscriptions: [row("evt_d", T, 1, { status: "canceled", paid_through: (T + 30 * DAY) * 1000 })],
      },
      {
        event: ev("evt_u2", "customer.subscription.updated", T, { status: "active" }),
        outcome: ignored("final"),
        subscriptions: [row("evt_d", T, 1, { status: "canceled", paid_through: (T + 30 * DAY) * 1000 })],
      },
    ],
  },
  {
    name: "two non-cancel events in the same second both apply (the dev provider's checkout + created pair)",
    steps: [
      {
        event: ev("evt_cs", "checkout.session.completed", T, { status: "incomplete", currentPeriodEnd: null }),
        outcome: applied,
        subscriptions: [row("evt_cs", T, 0, { status: "incomplete", current_period_end: null })],
      },
      {
        event: ev("evt_sc", "customer.subscription.created", T, { status: "active" }),
        outcome: applied,
        subscriptions: [row("evt_sc", T, 1)],
      },
    ],
  },
];

describe("applyAppEvent: once, in order (I5)", () => {
  itAppliesEachCase(CASES);

  it("T36: 20 concurrent deliveries of one event through the object's RPC apply it once", async () => {
    const stub = appStub(env, "apply-test:concurrent");
    await runInDurableObject(stub, (_o: AppObject, state) => addUsers(appStoreOf(state.storage), ["u1"]));
    const event: AppBillingEvent = { ...created0, planIds: ["pro"] };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => stub.applyBillingEvent(event)));
    expect(outcomes.filter((o) => o.outcome === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "duplicate")).toHaveLength(19);
    await runInDurableObject(stub, (_o: AppObject, state) => {
      const store = appStoreOf(state.storage);
      expect(select(store, "SELECT id, status, event_id FROM subscriptions")).toEqual([
        { id: "sub_1", status: "active", event_id: "evt_a" },
      ]);
      expect(select(store, "SELECT id, status FROM webhook_events")).toEqual([{ id: "evt_a", status: "applied" }]);
    });
  });
});
