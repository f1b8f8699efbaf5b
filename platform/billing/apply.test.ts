import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AppObject } from "../object/app-object";
import { appStoreOf, type AppStore } from "../object/store";
import { appStub } from "../worker/stubs";
import { applyAppEvent, type AppBillingEvent, type ApplyOutcome } from "./apply";
import type { SubscriptionFacts } from "./facts";

/**
 * applyAppEvent against a real app Durable Object's SQLite: each case is a fresh object, a few
 * users, and a sequence of events; after every step the whole `subscriptions` and `webhook_events`
 * tables are compared with what must hold (I5: exactly once, newest wins).
 */

const T = 1_900_000_000; // Stripe's `created`, seconds
const NOW = 1_950_000_000_000; // the `now` handed to step i is NOW + i (epoch ms)
const DAY = 86_400;

const meta = (user = "u1", plan = "pro"): Record<string, string> => ({ sandlot_app_id: "app_1", sandlot_user_id: user, sandlot_plan: plan });

type EventInput = Omit<AppBillingEvent, "planIds">;

function ev(id: string, type: string, created: number, facts: Partial<SubscriptionFacts> | null): EventInput {
  return {
    id,
    type,
    created,
    facts: facts === null ? null : { subscriptionId: "sub_1", customerId: "cus_1", metadata: meta(), status: "active", currentPeriodEnd: created + 30 * DAY, ...facts },
  };
}

interface SubRow {
  id: string;
  user_id: string;
  plan: string;
  status: string;
  current_period_end: number | null;
  event_created: number;
  event_id: string;
  updated_at: number;
}

/** The row an applied event leaves: times in ms, the writing event's id, updated at its step. */
function row(eventId: string, created: number, step: number, over: Partial<SubRow> = {}): SubRow {
  return {
    id: "sub_1",
    user_id: "u1",
    plan: "pro",
    status: "active",
    current_period_end: (created + 30 * DAY) * 1000,
    event_created: created * 1000,
    event_id: eventId,
    updated_at: NOW + step,
    ...over,
  };
}

interface Step {
  /** Done to the object's storage before the event is applied. */
  before?: (store: AppStore) => void;
  event: EventInput;
  outcome: ApplyOutcome;
  /** The whole table after this step. */
  subscriptions: SubRow[];
}

interface Case {
  name: string;
  users?: string[];
  planIds?: string[];
  steps: Step[];
  /** billing_customers after the last step. */
  customers?: Array<{ user_id: string; customer_id: string }>;
}

const applied: ApplyOutcome = { outcome: "applied" };
const duplicate: ApplyOutcome = { outcome: "duplicate" };
const ignored = (reason: string): ApplyOutcome => ({ outcome: "ignored", reason });

const created0 = ev("evt_a", "customer.subscription.created", T, {});
const afterCreated0 = [row("evt_a", T, 0)];

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
      { event: ev("evt_a", "customer.subscription.deleted", T + 50, { status: "canceled" }), outcome: duplicate, subscriptions: afterCreated0 },
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
        subscriptions: [row("evt_b", T + 10, 1, { status: "past_due", current_period_end: (T + 30 * DAY) * 1000 })],
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
      { event: ev("evt_new", "customer.subscription.updated", T + 100, { status: "past_due" }), outcome: applied, subscriptions: [row("evt_new", T + 100, 0, { status: "past_due" })] },
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
      { event: ev("evt_del", "customer.subscription.deleted", T + 100, { status: "canceled" }), outcome: applied, subscriptions: [row("evt_del", T + 100, 0, { status: "canceled" })] },
      { event: ev("evt_upd", "customer.subscription.updated", T + 99, { status: "active" }), outcome: ignored("stale"), subscriptions: [row("evt_del", T + 100, 0, { status: "canceled" })] },
    ],
  },
  {
    name: "T37: in the same second a cancellation wins: updated → deleted applies, a same-second updated after it is stale",
    steps: [
      { event: ev("evt_u1", "customer.subscription.updated", T, { status: "active" }), outcome: applied, subscriptions: [row("evt_u1", T, 0)] },
      { event: ev("evt_d", "customer.subscription.deleted", T, { status: "canceled" }), outcome: applied, subscriptions: [row("evt_d", T, 1, { status: "canceled" })] },
      { event: ev("evt_u2", "customer.subscription.updated", T, { status: "active" }), outcome: ignored("stale"), subscriptions: [row("evt_d", T, 1, { status: "canceled" })] },
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
      { event: ev("evt_sc", "customer.subscription.created", T, { status: "active" }), outcome: applied, subscriptions: [row("evt_sc", T, 1)] },
    ],
  },
  {
    name: "a plan the manifest no longer sells grants nothing",
    steps: [{ event: ev("evt_a", "customer.subscription.created", T, { metadata: meta("u1", "gold") }), outcome: ignored("unknown_plan"), subscriptions: [] }],
  },
  {
    name: "an app whose template sells no plans grants nothing",
    planIds: [],
    steps: [{ event: created0, outcome: ignored("unknown_plan"), subscriptions: [] }],
  },
  {
    name: "no user in the metadata and no row: unknown subscription",
    steps: [{ event: ev("evt_a", "customer.subscription.created", T, { metadata: { sandlot_app_id: "app_1", sandlot_plan: "pro" } }), outcome: ignored("unknown_subscription"), subscriptions: [] }],
  },
  {
    name: "no plan in the metadata and no row: unknown subscription",
    steps: [{ event: ev("evt_a", "customer.subscription.created", T, { metadata: { sandlot_app_id: "app_1", sandlot_user_id: "u1" } }), outcome: ignored("unknown_subscription"), subscriptions: [] }],
  },
  {
    name: "a later event without metadata (an old invoice) keeps the row's user and plan",
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      { event: ev("evt_inv", "invoice.paid", T + 10, { metadata: {} }), outcome: applied, subscriptions: [row("evt_inv", T + 10, 1)] },
    ],
  },
  {
    name: "metadata naming another user or plan never re-points an existing row",
    users: ["u1", "u2"],
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      { event: ev("evt_other_user", "customer.subscription.updated", T + 10, { metadata: meta("u2", "pro") }), outcome: ignored("metadata_mismatch"), subscriptions: afterCreated0 },
      { event: ev("evt_other_plan", "customer.subscription.updated", T + 20, { metadata: meta("u1", "team") }), outcome: ignored("metadata_mismatch"), subscriptions: afterCreated0 },
    ],
  },
  {
    name: "a user who does not exist in this app gets nothing; a redelivery after they sign up stays ignored",
    users: [],
    steps: [
      { event: created0, outcome: ignored("unknown_user"), subscriptions: [] },
      { before: (store) => addUsers(store, ["u1"]), event: created0, outcome: duplicate, subscriptions: [] },
    ],
    customers: [],
  },
  {
    name: "an unhandled type is recorded as ignored",
    steps: [{ event: ev("evt_charge", "charge.succeeded", T, null), outcome: ignored("unhandled_type"), subscriptions: [] }],
  },
  {
    name: "a checkout that created no subscription is ignored",
    steps: [{ event: ev("evt_cs", "checkout.session.completed", T, { subscriptionId: null }), outcome: ignored("no_subscription"), subscriptions: [] }],
  },
  {
    name: "an event without a status: nothing to write for a new row, the row's own status otherwise",
    steps: [
      { event: ev("evt_nostatus", "customer.subscription.updated", T, { status: null }), outcome: ignored("no_status"), subscriptions: [] },
      { event: ev("evt_a", "customer.subscription.created", T + 1, { status: "trialing" }), outcome: applied, subscriptions: [row("evt_a", T + 1, 1, { status: "trialing" })] },
      {
        event: ev("evt_b", "customer.subscription.updated", T + 2, { status: null, currentPeriodEnd: null }),
        outcome: applied,
        subscriptions: [row("evt_b", T + 2, 2, { status: "trialing", current_period_end: (T + 1 + 30 * DAY) * 1000 })],
      },
    ],
  },
  {
    name: "a user keeps their first customer; a customer already bound to another user is not rebound",
    users: ["u1", "u2"],
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      { event: ev("evt_b", "customer.subscription.updated", T + 10, { customerId: "cus_2" }), outcome: applied, subscriptions: [row("evt_b", T + 10, 1)] },
      {
        event: ev("evt_c", "customer.subscription.created", T + 20, { subscriptionId: "sub_2", metadata: meta("u2"), customerId: "cus_1" }),
        outcome: applied,
        subscriptions: [row("evt_b", T + 10, 1), row("evt_c", T + 20, 2, { id: "sub_2", user_id: "u2" })],
      },
    ],
    customers: [{ user_id: "u1", customer_id: "cus_1" }],
  },
];

const select = (store: AppStore, query: string): unknown[] => store.sql.exec(query).toArray().map((r) => ({ ...r }));
const subscriptionsOf = (store: AppStore): unknown[] =>
  select(store, "SELECT id, user_id, plan, status, current_period_end, event_created, event_id, updated_at FROM subscriptions ORDER BY id");
const eventsOf = (store: AppStore): unknown[] => select(store, "SELECT id, type, status, reason, event_created, received_at FROM webhook_events ORDER BY received_at, id");

function addUsers(store: AppStore, ids: string[]): void {
  for (const id of ids) store.sql.exec("INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, 'not-a-hash', 0)", id, `${id}@example.com`);
}

describe("applyAppEvent (I5)", () => {
  it.each(CASES)("$name", async (c) => {
    await runInDurableObject(appStub(env, `apply-test:${c.name}`), (_object: AppObject, state) => {
      const store = appStoreOf(state.storage);
      expect(subscriptionsOf(store)).toEqual([]);
      addUsers(store, c.users ?? ["u1"]);
      const events: unknown[] = [];
      c.steps.forEach((step, i) => {
        step.before?.(store);
        const outcome = applyAppEvent(store, { ...step.event, planIds: c.planIds ?? ["pro"] }, NOW + i);
        expect(outcome, `step ${i} outcome`).toEqual(step.outcome);
        if (step.outcome.outcome !== "duplicate") {
          const reason = step.outcome.outcome === "ignored" ? step.outcome.reason : null;
          events.push({ id: step.event.id, type: step.event.type, status: step.outcome.outcome, reason, event_created: step.event.created * 1000, received_at: NOW + i });
        }
        expect(subscriptionsOf(store), `step ${i} subscriptions`).toEqual(step.subscriptions);
        expect(eventsOf(store), `step ${i} webhook_events`).toEqual(events);
      });
      if (c.customers) expect(select(store, "SELECT user_id, customer_id FROM billing_customers ORDER BY user_id")).toEqual(c.customers);
    });
  });

  it("T36: 20 concurrent deliveries of one event through the object's RPC apply it once", async () => {
    const stub = appStub(env, "apply-test:concurrent");
    await runInDurableObject(stub, (_o: AppObject, state) => addUsers(appStoreOf(state.storage), ["u1"]));
    const event: AppBillingEvent = { ...created0, planIds: ["pro"] };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => stub.applyBillingEvent(event)));
    expect(outcomes.filter((o) => o.outcome === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "duplicate")).toHaveLength(19);
    await runInDurableObject(stub, (_o: AppObject, state) => {
      const store = appStoreOf(state.storage);
      expect(select(store, "SELECT id, status, event_id FROM subscriptions")).toEqual([{ id: "sub_1", status: "active", event_id: "evt_a" }]);
      expect(select(store, "SELECT id, status FROM webhook_events")).toEqual([{ id: "evt_a", status: "applied" }]);
    });
  });
});
