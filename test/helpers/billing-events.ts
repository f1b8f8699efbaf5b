import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import type { AppObject } from "../../platform/object/app-object";
import { appStoreOf, type AppStore } from "../../platform/object/store";
import { appStub } from "../../platform/worker/stubs";
import { applyAppEvent, type AppBillingEvent, type ApplyOutcome } from "../../platform/billing/apply";
import type { SubscriptionFacts } from "../../platform/billing/facts";

/**
 * The harness of platform/billing/apply-*.test.ts: applyAppEvent against a real app Durable
 * Object's SQLite. Each case is a fresh object, a few users, and a sequence of events; after every
 * step the whole `subscriptions` and `webhook_events` tables are compared with what must hold
 * (I5: exactly once, newest wins). Builders for events and rows, and the runner.
 */

export const T = 1_900_000_000; // Stripe's `created`, seconds
export const NOW = 1_950_000_000_000; // the `now` handed to step i is NOW + i (epoch ms)
export const DAY = 86_400;

export const meta = (user = "u1", plan = "pro"): Record<string, string> => ({
  sandlot_app_id: "app_1",
  sandlot_user_id: user,
  sandlot_plan: plan,
});

export type EventInput = Omit<AppBillingEvent, "planIds">;

export function ev(id: string, type: string, created: number, facts: Partial<SubscriptionFacts> | null): EventInput {
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

export interface SubRow {
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
export function row(eventId: string, created: number, step: number, over: Partial<SubRow> = {}): SubRow {
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

export interface Step {
  /** Done to the object's storage before the event is applied. */
  before?: (store: AppStore) => void;
  event: EventInput;
  outcome: ApplyOutcome;
  /** The whole table after this step. */
  subscriptions: SubRow[];
}

export interface Case {
  name: string;
  users?: string[];
  planIds?: string[];
  steps: Step[];
  /** billing_customers after the last step. */
  customers?: Array<{ user_id: string; customer_id: string }>;
}

export const applied: ApplyOutcome = { outcome: "applied" };
export const duplicate: ApplyOutcome = { outcome: "duplicate" };
export const ignored = (reason: string): ApplyOutcome => ({ outcome: "ignored", reason });

export const created0 = ev("evt_a", "customer.subscription.created", T, {});
export const afterCreated0 = [row("evt_a", T, 0)];

export const readAt = (T + 500) * 1000;
export const stripeSays = (status: string, periodEnd = T + 500 + 30 * DAY): AppBillingEvent["reread"] => ({
  facts: { subscriptionId: "sub_1", customerId: "cus_1", metadata: meta(), status, currentPeriodEnd: periodEnd },
  readAt,
});

export const select = (store: AppStore, query: string): unknown[] =>
  store.sql
    .exec(query)
    .toArray()
    .map((r) => ({ ...r }));
export const subscriptionsOf = (store: AppStore): unknown[] =>
  select(
    store,
    "SELECT id, user_id, plan, status, current_period_end, paid_through, event_created, event_id, updated_at FROM " +
      "subscriptions ORDER BY id",
  );
export const eventsOf = (store: AppStore): unknown[] =>
  select(
    store,
    "SELECT id, type, status, reason, event_created, received_at FROM webhook_events ORDER BY received_at, id",
  );

export function addUsers(store: AppStore, ids: string[]): void {
  for (const id of ids)
    store.sql.exec(
      "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, 'not-a-hash', 0)",
      id,
      `${id}@example.com`,
    );
}

/** One `it` per case: a fresh object named after the case, its steps applied and checked in turn. */
export function itAppliesEachCase(cases: Case[]): void {
  it.each(cases)("$name", async (c) => {
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
}
