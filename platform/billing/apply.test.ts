import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AppObject } from "../object/app-object";
import { appStoreOf, type AppStore } from "../object/store";
import { appStub } from "../worker/stubs";
import { applyAppEvent, type AppBillingEvent, type ApplyOutcome } from "./apply";
import type { Manifest } from "../manifest/schema";
import { entitlementsFor } from "./entitlements";
import type { SubscriptionFacts } from "./facts";
import { GRACE_MS } from "./lifecycle";

/**
 * applyAppEvent against a real app Durable Object's SQLite: each case is a fresh object, a few
 * users, and a sequence of events; after every step the whole `subscriptions` and `webhook_events`
 * tables are compared with what must hold (I5: exactly once, newest wins).
 */

const T = 1_900_000_000; // Stripe's `created`, seconds
const NOW = 1_950_000_000_000; // the `now` handed to step i is NOW + i (epoch ms)
const DAY = 86_400;

const meta = (user = "u1", plan = "pro"): Record<string, string> => ({
  sandlot_app_id: "app_1",
  sandlot_user_id: user,
  sandlot_plan: plan,
});

type EventInput = Omit<AppBillingEvent, "planIds">;

function ev(id: string, type: string, created: number, facts: Partial<SubscriptionFacts> | null): EventInput {
  return {
    id,
    type,
    created,
    facts:
      facts === null
        ? null
        : {
            subscriptionId: "sub_1",
            customerId: "cus_1",
            metadata: meta(),
            status: "active",
            currentPeriodEnd: created + 30 * DAY,
            ...facts,
          },
  };
}

interface SubRow {
  id: string;
  user_id: string;
  plan: string;
  status: string;
  current_period_end: number | null;
  paid_through: number | null;
  event_created: number;
  event_id: string;
  updated_at: number;
}

/**
 * The row an applied event leaves: times in ms, the writing event's id, updated at its step. An
 * active or trialing row is paid through its period unless the case says otherwise.
 */
function row(eventId: string, created: number, step: number, over: Partial<SubRow> = {}): SubRow {
  const base = {
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
  const paid = base.status === "active" || base.status === "trialing" ? base.current_period_end : null;
  return { ...base, paid_through: over.paid_through !== undefined ? over.paid_through : paid };
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

const readAt = (T + 500) * 1000;
const stripeSays = (status: string, periodEnd = T + 500 + 30 * DAY): AppBillingEvent["reread"] => ({
  facts: { subscriptionId: "sub_1", customerId: "cus_1", metadata: meta(), status, currentPeriodEnd: periodEnd },
  readAt,
});

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
  {
    name: "a plan the manifest no longer sells grants nothing",
    steps: [
      {
        event: ev("evt_a", "customer.subscription.created", T, { metadata: meta("u1", "gold") }),
        outcome: ignored("unknown_plan"),
        subscriptions: [],
      },
    ],
  },
  {
    name: "an app whose template sells no plans grants nothing",
    planIds: [],
    steps: [{ event: created0, outcome: ignored("unknown_plan"), subscriptions: [] }],
  },
  {
    name: "no user in the metadata and no row: unknown subscription",
    steps: [
      {
        event: ev("evt_a", "customer.subscription.created", T, {
          metadata: { sandlot_app_id: "app_1", sandlot_plan: "pro" },
        }),
        outcome: ignored("unknown_subscription"),
        subscriptions: [],
      },
    ],
  },
  {
    name: "no plan in the metadata and no row: unknown subscription",
    steps: [
      {
        event: ev("evt_a", "customer.subscription.created", T, {
          metadata: { sandlot_app_id: "app_1", sandlot_user_id: "u1" },
        }),
        outcome: ignored("unknown_subscription"),
        subscriptions: [],
      },
    ],
  },
  {
    name: "a later event without metadata (an old invoice) keeps the row's user and plan",
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      {
        event: ev("evt_inv", "invoice.paid", T + 10, { metadata: {} }),
        outcome: applied,
        subscriptions: [row("evt_inv", T + 10, 1)],
      },
    ],
  },
  {
    name: "metadata naming another user or plan never re-points an existing row",
    users: ["u1", "u2"],
    steps: [
      { event: created0, outcome: applied, subscriptions: afterCreated0 },
      {
        event: ev("evt_other_user", "customer.subscription.updated", T + 10, { metadata: meta("u2", "pro") }),
        outcome: ignored("metadata_mismatch"),
        subscriptions: afterCreated0,
      },
      {
        event: ev("evt_other_plan", "customer.subscription.updated", T + 20, { metadata: meta("u1", "team") }),
        outcome: ignored("metadata_mismatch"),
        subscriptions: afterCreated0,
      },
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
    steps: [
      { event: ev("evt_charge", "charge.succeeded", T, null), outcome: ignored("unhandled_type"), subscriptions: [] },
    ],
  },
  {
    name: "a checkout that created no subscription is ignored",
    steps: [
      {
        event: ev("evt_cs", "checkout.session.completed", T, { subscriptionId: null }),
        outcome: ignored("no_subscription"),
        subscriptions: [],
      },
    ],
  },
  {
    name: "an event without a status: nothing to write for a new row, the row's own status otherwise",
    steps: [
      {
        event: ev("evt_nostatus", "customer.subscription.updated", T, { status: null }),
        outcome: ignored("no_status"),
        subscriptions: [],
      },
      {
        event: ev("evt_a", "customer.subscription.created", T + 1, { status: "trialing" }),
        outcome: applied,
        subscriptions: [row("evt_a", T + 1, 1, { status: "trialing" })],
      },
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
      {
        event: ev("evt_b", "customer.subscription.updated", T + 10, { customerId: "cus_2" }),
        outcome: applied,
        subscriptions: [row("evt_b", T + 10, 1)],
      },
      {
        event: ev("evt_c", "customer.subscription.created", T + 20, {
          subscriptionId: "sub_2",
          metadata: meta("u2"),
          customerId: "cus_1",
        }),
        outcome: applied,
        subscriptions: [row("evt_b", T + 10, 1), row("evt_c", T + 20, 2, { id: "sub_2", user_id: "u2" })],
      },
    ],
    customers: [{ user_id: "u1", customer_id: "cus_1" }],
  },
];

CASES.push(
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
);

const select = (store: AppStore, query: string): unknown[] =>
  store.sql
    .exec(query)
    .toArray()
    .map((r) => ({ ...r }));
const subscriptionsOf = (store: AppStore): unknown[] =>
  select(
    store,
    "SELECT id, user_id, plan, status, current_period_end, paid_through, event_created, event_id, updated_at FROM " +
      "subscriptions ORDER BY id",
  );
const eventsOf = (store: AppStore): unknown[] =>
  select(
    store,
    "SELECT id, type, status, reason, event_created, received_at FROM webhook_events ORDER BY received_at, id",
  );

function addUsers(store: AppStore, ids: string[]): void {
  for (const id of ids)
    store.sql.exec(
      "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, 'not-a-hash', 0)",
      id,
      `${id}@example.com`,
    );
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
        if (step.outcome.outcome !== "duplicate" && step.outcome.outcome !== "reread") {
          const reason = step.outcome.outcome === "ignored" ? step.outcome.reason : null;
          events.push({
            id: step.event.id,
            type: step.event.type,
            status: step.outcome.outcome,
            reason,
            event_created: step.event.created * 1000,
            received_at: NOW + i,
          });
        }
        expect(subscriptionsOf(store), `step ${i} subscriptions`).toEqual(step.subscriptions);
        expect(eventsOf(store), `step ${i} webhook_events`).toEqual(events);
      });
      if (c.customers)
        expect(select(store, "SELECT user_id, customer_id FROM billing_customers ORDER BY user_id")).toEqual(
          c.customers,
        );
    });
  });

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
