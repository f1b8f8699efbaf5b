import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { factsOf, factsOfSubscription, HANDLED_TYPES, isHandledType, type SubscriptionFacts } from "./facts";

/**
 * factsOf reads a verified Stripe event into one subscription shape. Events arrive in the
 * account's API version, so each handled type is read in the shapes Stripe has used for it.
 */

const META = { sandlot_app_id: "app_1", sandlot_user_id: "user_1", sandlot_plan: "pro" };

const event = (type: string, object: unknown): Stripe.Event =>
  ({ id: "evt_1", object: "event", type, created: 1_900_000_000, data: { object } }) as unknown as Stripe.Event;

const facts = (over: Partial<SubscriptionFacts>): SubscriptionFacts => ({
  subscriptionId: null,
  customerId: null,
  metadata: {},
  status: null,
  currentPeriodEnd: null,
  ...over,
});

describe("handled types", () => {
  it("are exactly the subscription lifecycle events the docs list", () => {
    expect([...HANDLED_TYPES].sort()).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
      "customer.subscription.deleted",
      "customer.subscription.paused",
      "customer.subscription.resumed",
      "customer.subscription.updated",
      "invoice.paid",
      "invoice.payment_failed",
    ]);
    for (const t of HANDLED_TYPES) expect(isHandledType(t)).toBe(true);
  });

  it.each([
    "charge.succeeded",
    "checkout.session.expired",
    "checkout.session.async_payment_succeeded",
    "customer.subscription.trial_will_end",
    "invoice.created",
    "invoice.upcoming",
    "customer.created",
    "",
    "customer.subscription.",
  ])("ignores %j (no facts, even with a subscription-shaped object)", (type) => {
    expect(isHandledType(type)).toBe(false);
    expect(factsOf(event(type, { id: "sub_1", status: "active", customer: "cus_1", metadata: META }))).toBeNull();
  });
});

describe("checkout.session.completed", () => {
  const session = (over: Record<string, unknown>): Stripe.Event =>
    event("checkout.session.completed", {
      id: "cs_1",
      object: "checkout.session",
      mode: "subscription",
      subscription: "sub_1",
      customer: "cus_1",
      payment_status: "paid",
      metadata: META,
      ...over,
    });

  it.each([
    ["paid", "active"],
    ["no_payment_required", "active"],
    ["unpaid", "incomplete"],
    [undefined, "incomplete"],
    ["PAID", "incomplete"],
  ])("payment_status %j → status %j", (paymentStatus, status) => {
    expect(factsOf(session({ payment_status: paymentStatus }))).toEqual(
      facts({ subscriptionId: "sub_1", customerId: "cus_1", metadata: META, status }),
    );
  });

  it("reads expanded subscription and customer objects by their id", () => {
    const got = factsOf(
      session({ subscription: { id: "sub_x", object: "subscription" }, customer: { id: "cus_x", object: "customer" } }),
    );
    expect(got?.subscriptionId).toBe("sub_x");
    expect(got?.customerId).toBe("cus_x");
  });

  it("has no subscription or customer when the session names none (one-time payment)", () => {
    expect(factsOf(session({ subscription: null, customer: null, mode: "payment" }))).toEqual(
      facts({ metadata: META, status: "active" }),
    );
  });

  it("never carries a period end (the subscription events do)", () => {
    expect(
      factsOf(session({ current_period_end: 1_900_100_000, expires_at: 1_900_100_000 }))?.currentPeriodEnd,
    ).toBeNull();
  });
});

describe("customer.subscription.*", () => {
  const sub = (type: string, over: Record<string, unknown>): Stripe.Event =>
    event(type, {
      id: "sub_1",
      object: "subscription",
      customer: "cus_1",
      status: "active",
      metadata: META,
      items: { object: "list", data: [{ id: "si_1", current_period_end: 1_900_200_000 }] },
      ...over,
    });

  it.each([
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.paused",
    "customer.subscription.resumed",
  ])("%s passes Stripe's status through", (type) => {
    for (const status of [
      "active",
      "trialing",
      "past_due",
      "unpaid",
      "incomplete",
      "incomplete_expired",
      "paused",
      "canceled",
    ]) {
      expect(factsOf(sub(type, { status }))).toEqual(
        facts({
          subscriptionId: "sub_1",
          customerId: "cus_1",
          metadata: META,
          status,
          currentPeriodEnd: 1_900_200_000,
        }),
      );
    }
  });

  it("deleted is canceled whatever status the object still shows", () => {
    expect(factsOf(sub("customer.subscription.deleted", { status: "active" }))?.status).toBe("canceled");
    expect(factsOf(sub("customer.subscription.deleted", { status: undefined }))?.status).toBe("canceled");
  });

  it("an update without a status tells none (the row keeps its own)", () => {
    expect(factsOf(sub("customer.subscription.updated", { status: undefined }))?.status).toBeNull();
    expect(factsOf(sub("customer.subscription.updated", { status: 3 }))?.status).toBeNull();
  });

  it("period end: the first item's (newer API versions) wins over the subscription's (older ones)", () => {
    expect(factsOf(sub("customer.subscription.updated", { current_period_end: 1_800_000_000 }))?.currentPeriodEnd).toBe(
      1_900_200_000,
    );
  });

  it.each([
    ["no items", { items: undefined }],
    ["empty items", { items: { object: "list", data: [] } }],
    ["items without a period", { items: { data: [{ id: "si_1" }] } }],
    ["an item period that is not a number", { items: { data: [{ current_period_end: "1900200000" }] } }],
  ])("period end falls back to the subscription's own with %s", (_name, over) => {
    expect(
      factsOf(sub("customer.subscription.updated", { ...over, current_period_end: 1_800_000_000 }))?.currentPeriodEnd,
    ).toBe(1_800_000_000);
    expect(
      factsOf(sub("customer.subscription.updated", { ...over, current_period_end: undefined }))?.currentPeriodEnd,
    ).toBeNull();
  });

  it("keeps only string metadata values", () => {
    const got = factsOf(
      sub("customer.subscription.updated", {
        metadata: { ...META, n: 5, nested: { a: "b" }, list: ["x"], nil: null, empty: "" },
      }),
    );
    expect(got?.metadata).toEqual({ ...META, empty: "" });
  });
});

describe("invoice.paid and invoice.payment_failed (payment facts: no status, lifecycle.ts reads the type)", () => {
  const lines = { object: "list", data: [{ id: "il_1", period: { start: 1_900_000_000, end: 1_902_600_000 } }] };

  it("reads the subscription and metadata from parent.subscription_details (current API versions)", () => {
    const inv = {
      id: "in_1",
      object: "invoice",
      customer: "cus_1",
      parent: { type: "subscription_details", subscription_details: { subscription: "sub_1", metadata: META } },
      lines,
    };
    expect(factsOf(event("invoice.paid", inv))).toEqual(
      facts({
        subscriptionId: "sub_1",
        customerId: "cus_1",
        metadata: META,
        status: null,
        currentPeriodEnd: 1_902_600_000,
      }),
    );
    expect(factsOf(event("invoice.payment_failed", inv))).toEqual(
      facts({
        subscriptionId: "sub_1",
        customerId: "cus_1",
        metadata: META,
        status: null,
        currentPeriodEnd: 1_902_600_000,
      }),
    );
  });

  it("reads the older top-level subscription and subscription_details", () => {
    const inv = {
      id: "in_1",
      object: "invoice",
      customer: { id: "cus_1" },
      subscription: "sub_old",
      subscription_details: { metadata: META },
      lines,
    };
    expect(factsOf(event("invoice.paid", inv))).toEqual(
      facts({
        subscriptionId: "sub_old",
        customerId: "cus_1",
        metadata: META,
        status: null,
        currentPeriodEnd: 1_902_600_000,
      }),
    );
  });

  it("prefers parent.subscription_details over the top-level fields when both are present", () => {
    const inv = {
      customer: "cus_1",
      subscription: "sub_top",
      subscription_details: { metadata: { sandlot_plan: "top" } },
      parent: { subscription_details: { subscription: { id: "sub_parent" }, metadata: META } },
      lines,
    };
    const got = factsOf(event("invoice.paid", inv));
    expect(got?.subscriptionId).toBe("sub_parent");
    expect(got?.metadata).toEqual(META);
  });

  it("an invoice with no subscription, metadata or lines tells nothing but its type", () => {
    expect(
      factsOf(event("invoice.payment_failed", { id: "in_1", object: "invoice", parent: null, lines: { data: [] } })),
    ).toEqual(facts({}));
    expect(factsOf(event("invoice.paid", { id: "in_1", lines: { data: [{ period: { end: "soon" } }] } }))).toEqual(
      facts({}),
    );
  });
});

describe("factsOfSubscription (a re-read from Stripe)", () => {
  it("reads a retrieved subscription like an updated event's object", () => {
    const sub = {
      id: "sub_1",
      object: "subscription",
      customer: "cus_1",
      status: "past_due",
      metadata: META,
      items: { data: [{ current_period_end: 1_900_300_000 }] },
    };
    expect(factsOfSubscription(sub)).toEqual(
      facts({
        subscriptionId: "sub_1",
        customerId: "cus_1",
        metadata: META,
        status: "past_due",
        currentPeriodEnd: 1_900_300_000,
      }),
    );
    expect(factsOfSubscription(null)).toBeNull();
    expect(factsOfSubscription([sub])).toBeNull();
  });
});

describe("malformed objects", () => {
  it.each([
    ["null", null],
    ["an array", [{ id: "sub_1" }]],
    ["a string", "sub_1"],
    ["a number", 42],
    ["absent", undefined],
  ])("data.object that is %s gives no facts", (_name, object) => {
    for (const type of HANDLED_TYPES) expect(factsOf(event(type, object))).toBeNull();
  });

  it("ids that are neither strings nor objects with a string id are null", () => {
    for (const bad of [5, true, [], ["sub_1"], { id: 5 }, { object: "subscription" }, null]) {
      expect(factsOf(event("customer.subscription.updated", { id: bad, customer: bad, status: "active" }))).toEqual(
        facts({ status: "active" }),
      );
      expect(
        factsOf(event("checkout.session.completed", { subscription: bad, customer: bad, payment_status: "paid" })),
      ).toEqual(facts({ status: "active" }));
    }
  });

  it.each([
    ["an array", ["sandlot_user_id", "user_1"]],
    ["a string", "sandlot_user_id=user_1"],
    ["null", null],
  ])("metadata that is %s reads as none", (_name, metadata) => {
    expect(
      factsOf(event("customer.subscription.updated", { id: "sub_1", status: "active", metadata }))?.metadata,
    ).toEqual({});
    expect(
      factsOf(event("invoice.paid", { parent: { subscription_details: { subscription: "sub_1", metadata } } }))
        ?.metadata,
    ).toEqual({});
  });

  it("does not read metadata from the prototype chain", () => {
    const metadata = Object.create({ sandlot_user_id: "inherited" }) as Record<string, string>;
    metadata["sandlot_plan"] = "pro";
    expect(factsOf(event("customer.subscription.updated", { id: "sub_1", metadata }))?.metadata).toEqual({
      sandlot_plan: "pro",
    });
  });
});
