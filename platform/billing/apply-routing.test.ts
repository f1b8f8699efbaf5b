/**
 * applyAppEvent: which row an event writes, for whom — plans the manifest sells, metadata that is
 * missing or names someone else, unknown users and types, events without a status, and customers.
 * Harness: test/helpers/billing-events.ts.
 */
import { describe } from "vitest";
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
  meta,
  row,
  T,
} from "../../test/helpers/billing-events";

const CASES: Case[] = [
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

describe("applyAppEvent: who and what an event is for", () => {
  itAppliesEachCase(CASES);
});
