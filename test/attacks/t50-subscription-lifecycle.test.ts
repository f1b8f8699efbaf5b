import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../platform/env";
import { GRACE_MS } from "../../platform/billing/lifecycle";
import { signPayload } from "../../platform/billing/verify";
import worker from "../../platform/index";
import { handleStripeWebhook } from "../../platform/worker/stripe-webhook";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";
import {
  appMetadata,
  appRows,
  creatorPlan,
  deliver,
  deliverEvent,
  nowSec,
  realStripeEnv,
  stripeControl,
  stripeRequests,
  subscriptionEvent,
  WEBHOOK_SECRET,
} from "../integration/billing-helpers";

/**
 * T50: bringing a canceled or lapsed subscription back. Through the real Worker and signed
 * deliveries: late invoice events after a cancellation, `incomplete_expired`, a paid period that
 * ends with no further event (app users and creators alike), and ambiguous events re-read from
 * Stripe with the real SDK against the local Stripe-speaking server.
 */

const DAY = 86_400;
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

let app: TestApp;

beforeAll(async () => {
  app = await makeApp("lapse");
});

async function plansOf(user: TestUser): Promise<string[]> {
  const res = await user.client.get("/_api/auth/me");
  expect(res.status).toBe(200);
  return (await json<{ entitlements: { plans: string[] } }>(res)).entitlements.plans;
}

function invoiceEvent(input: {
  type: "invoice.paid" | "invoice.payment_failed";
  subscriptionId: string;
  created: number;
  periodEnd: number;
  metadata?: Record<string, string>;
  id?: string;
}): Record<string, unknown> {
  return {
    id: input.id ?? `evt_${crypto.randomUUID().replaceAll("-", "").slice(0, 20)}`,
    object: "event",
    type: input.type,
    created: input.created,
    livemode: false,
    data: {
      object: {
        id: `in_${crypto.randomUUID().slice(0, 8)}`,
        object: "invoice",
        customer: "cus_t50",
        parent: {
          type: "subscription_details",
          subscription_details: { subscription: input.subscriptionId, metadata: input.metadata ?? {} },
        },
        lines: { object: "list", data: [{ period: { start: input.created, end: input.periodEnd } }] },
      },
    },
  };
}

const outcomeOf = async (res: Response): Promise<Record<string, unknown>> => {
  expect(res.status).toBe(200);
  return json(res);
};

describe("T50 app subscriptions", () => {
  it("a late invoice.paid after the cancellation is ignored as final; the user stays without the plan", async () => {
    const user = await signUp(app, "late-invoice@example.com");
    const meta = appMetadata(app.appId, user.id);
    const t = nowSec();
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_late",
          created: t - 100,
          status: "active",
          metadata: meta,
        }),
      ),
    );
    expect(await plansOf(user)).toEqual(["pro"]);
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.deleted",
          subscriptionId: "sub_late",
          created: t - 50,
          status: "canceled",
          metadata: meta,
        }),
      ),
    );
    expect(await plansOf(user)).toEqual([]);
    // Newer than the cancellation, so "newest wins" alone would have revived it.
    const late = await deliverEvent(
      invoiceEvent({
        type: "invoice.paid",
        subscriptionId: "sub_late",
        created: t,
        periodEnd: t + 30 * DAY,
        metadata: meta,
      }),
    );
    expect(await outcomeOf(late)).toMatchObject({ outcome: "ignored", reason: "final" });
    const lateUpdate = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.updated",
        subscriptionId: "sub_late",
        created: t + 1,
        status: "active",
        metadata: meta,
      }),
    );
    expect(await outcomeOf(lateUpdate)).toMatchObject({ outcome: "ignored", reason: "final" });
    expect(await plansOf(user)).toEqual([]);
    expect(await appRows(app.appId, "SELECT status FROM subscriptions WHERE id = 'sub_late'")).toEqual([
      { status: "canceled" },
    ]);
  });

  it("incomplete_expired is final too", async () => {
    const user = await signUp(app, "expired@example.com");
    const meta = appMetadata(app.appId, user.id);
    const t = nowSec();
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_exp",
          created: t - 100,
          status: "incomplete",
          metadata: meta,
        }),
      ),
    );
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.updated",
          subscriptionId: "sub_exp",
          created: t - 50,
          status: "incomplete_expired",
          metadata: meta,
        }),
      ),
    );
    expect(
      await outcomeOf(
        await deliverEvent(
          invoiceEvent({
            type: "invoice.paid",
            subscriptionId: "sub_exp",
            created: t,
            periodEnd: t + 30 * DAY,
            metadata: meta,
          }),
        ),
      ),
    ).toMatchObject({ reason: "final" });
    expect(await plansOf(user)).toEqual([]);
  });

  it("a paid period that ended with no further event: access inside the grace, none after it", async () => {
    const inGrace = await signUp(app, "grace@example.com");
    const lapsed = await signUp(app, "lapsed@example.com");
    const now = nowSec();
    // The period (30 days from `created`) ended 1.5 days ago: inside the 3-day grace.
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_grace",
          created: now - 31 * DAY - DAY / 2,
          status: "active",
          metadata: appMetadata(app.appId, inGrace.id),
        }),
      ),
    );
    // Ended 4 days ago: past the grace; the renewal (or cancellation) event never came.
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_lapsed",
          created: now - 34 * DAY,
          status: "active",
          metadata: appMetadata(app.appId, lapsed.id),
        }),
      ),
    );
    expect(GRACE_MS).toBe(3 * DAY * 1000);
    expect(await plansOf(inGrace)).toEqual(["pro"]);
    expect(await plansOf(lapsed)).toEqual([]);
    // The row still says active: access is decided at read time, not by a status someone forgot to change.
    expect(await appRows(app.appId, "SELECT status FROM subscriptions WHERE id = 'sub_lapsed'")).toEqual([
      { status: "active" },
    ]);
  });

  it("past_due keeps access only within the paid period, without grace", async () => {
    const user = await signUp(app, "pastdue@example.com");
    const meta = appMetadata(app.appId, user.id);
    const now = nowSec();
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_pd",
          created: now - 31 * DAY,
          status: "active",
          metadata: meta,
        }),
      ),
    );
    // Still in the grace as active; the failed renewal makes it past_due, and past_due has no grace.
    expect(await plansOf(user)).toEqual(["pro"]);
    await outcomeOf(
      await deliverEvent(
        invoiceEvent({
          type: "invoice.payment_failed",
          subscriptionId: "sub_pd",
          created: now - DAY / 2,
          periodEnd: now + 29 * DAY,
          metadata: meta,
        }),
      ),
    );
    expect(await plansOf(user)).toEqual([]);
    // Paying the open invoice ends past_due and pays the new period.
    await outcomeOf(
      await deliverEvent(
        invoiceEvent({
          type: "invoice.paid",
          subscriptionId: "sub_pd",
          created: now,
          periodEnd: now + 29 * DAY,
          metadata: meta,
        }),
      ),
    );
    expect(await plansOf(user)).toEqual(["pro"]);
  });

  it("the same event delivered twice and an event that never arrives leave one consistent row", async () => {
    const user = await signUp(app, "twice@example.com");
    const meta = appMetadata(app.appId, user.id);
    const t = nowSec();
    const created = subscriptionEvent({
      type: "customer.subscription.created",
      subscriptionId: "sub_twice",
      created: t - 10,
      status: "active",
      metadata: meta,
    });
    await outcomeOf(await deliverEvent(created));
    expect(await outcomeOf(await deliverEvent(created))).toMatchObject({ outcome: "duplicate" });
    // `updated` (t - 5) is lost; the deletion still ends it.
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.deleted",
          subscriptionId: "sub_twice",
          created: t,
          status: "canceled",
          metadata: meta,
        }),
      ),
    );
    expect(await plansOf(user)).toEqual([]);
    expect(
      await appRows(app.appId, "SELECT COUNT(*) AS n FROM webhook_events WHERE id = '" + (created.id as string) + "'"),
    ).toEqual([{ n: 1 }]);
  });
});

describe("T50 ambiguous events are re-read from Stripe (real SDK, local Stripe server)", () => {
  const signed = async (event: Record<string, unknown>): Promise<Request> => {
    const payload = JSON.stringify(event);
    return new Request(`${STUDIO_ORIGIN}/webhooks/stripe`, {
      method: "POST",
      body: payload,
      headers: { "content-type": "application/json", "stripe-signature": await signPayload(payload, WEBHOOK_SECRET) },
    });
  };

  it("an invoice.paid before any subscription event: Stripe says past_due, so nothing is granted", async () => {
    const user = await signUp(app, "reread@example.com");
    const subId = `sub_reread_${crypto.randomUUID().slice(0, 6)}`;
    const meta = appMetadata(app.appId, user.id);
    const t = nowSec();
    await stripeControl("subscriptions", {
      id: subId,
      object: "subscription",
      customer: "cus_r",
      status: "past_due",
      metadata: meta,
      items: { data: [{ current_period_end: t + 30 * DAY }] },
    });
    const result = await handleStripeWebhook(
      realStripeEnv(),
      await signed(
        invoiceEvent({
          type: "invoice.paid",
          subscriptionId: subId,
          created: t,
          periodEnd: t + 30 * DAY,
          metadata: meta,
        }),
      ),
    );
    expect(result).toMatchObject({ ok: true, target: "app", outcome: "applied" });
    expect(
      (await stripeRequests()).filter((r) => r.method === "GET" && r.path === `/v1/subscriptions/${subId}`),
    ).toHaveLength(1);
    expect(await appRows(app.appId, `SELECT status, paid_through FROM subscriptions WHERE id = '${subId}'`)).toEqual([
      { status: "past_due", paid_through: null },
    ]);
    expect(await plansOf(user)).toEqual([]);
  });

  it("a subscription Stripe does not have: recorded as ignored, nothing written", async () => {
    const user = await signUp(app, "missing@example.com");
    const subId = `sub_gone_${crypto.randomUUID().slice(0, 6)}`;
    const t = nowSec();
    const event = invoiceEvent({
      type: "invoice.payment_failed",
      subscriptionId: subId,
      created: t,
      periodEnd: t + DAY,
      metadata: appMetadata(app.appId, user.id),
    });
    expect(await handleStripeWebhook(realStripeEnv(), await signed(event))).toMatchObject({
      ok: true,
      outcome: "ignored",
      reason: "unknown_subscription",
    });
    expect(await appRows(app.appId, `SELECT * FROM subscriptions WHERE id = '${subId}'`)).toEqual([]);
  });

  it("Stripe unreachable: 503 retry_later, nothing recorded, and the redelivery applies once", async () => {
    const user = await signUp(app, "unreachable@example.com");
    const subId = `sub_retry_${crypto.randomUUID().slice(0, 6)}`;
    const meta = appMetadata(app.appId, user.id);
    const t = nowSec();
    const event = invoiceEvent({
      type: "invoice.paid",
      subscriptionId: subId,
      created: t,
      periodEnd: t + 30 * DAY,
      metadata: meta,
    });
    // Port 9 on loopback: nothing listens there.
    const down: Env = { ...realStripeEnv(), STRIPE_API_PORT: "9" };
    const res = await worker.fetch(await signed(event), down, ctx);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("retry_later");
    expect(await appRows(app.appId, `SELECT * FROM webhook_events WHERE id = '${event.id as string}'`)).toEqual([]);
    await stripeControl("subscriptions", {
      id: subId,
      object: "subscription",
      customer: "cus_r",
      status: "active",
      metadata: meta,
      items: { data: [{ current_period_end: t + 30 * DAY }] },
    });
    const again = await worker.fetch(await signed(event), realStripeEnv(), ctx);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: "applied" });
    expect(await plansOf(user)).toEqual(["pro"]);
    const third = await worker.fetch(await signed(event), realStripeEnv(), ctx);
    expect(await third.json()).toMatchObject({ outcome: "duplicate" });
  });
});

describe("T50 creator plans follow the same rules (D1)", () => {
  let creator: Client;
  let creatorId: string;
  beforeAll(async () => {
    creator = new Client(STUDIO_ORIGIN);
    const res = await creator.post("/api/auth/signup", {
      email: "t50-creator@example.com",
      password: "correct-horse-battery-staple",
    });
    creatorId = (await json<{ creator: { id: string } }>(res)).creator.id;
  });
  const meta = (): Record<string, string> => ({ sandlot_creator_id: creatorId, sandlot_creator_plan: "pro" });
  const studioPlan = async (): Promise<string> =>
    (await json<{ creator: { plan: string } }>(await creator.get("/api/auth/me"))).creator.plan;

  it("a late invoice.paid after the cancellation is final; the plan stays free", async () => {
    const t = nowSec();
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_c_late",
          created: t - 100,
          status: "active",
          metadata: meta(),
        }),
      ),
    );
    expect(await studioPlan()).toBe("pro");
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.deleted",
          subscriptionId: "sub_c_late",
          created: t - 50,
          status: "canceled",
          metadata: meta(),
        }),
      ),
    );
    const late = await deliverEvent(
      invoiceEvent({
        type: "invoice.paid",
        subscriptionId: "sub_c_late",
        created: t,
        periodEnd: t + 30 * DAY,
        metadata: meta(),
      }),
    );
    expect(await outcomeOf(late)).toMatchObject({ outcome: "ignored", reason: "final" });
    expect(await studioPlan()).toBe("free");
    expect(await creatorPlan(creatorId)).toBe("free");
  });

  it("the plan ends with its paid period at read time, even though no event changed the stored row", async () => {
    const t = nowSec();
    await outcomeOf(
      await deliverEvent(
        subscriptionEvent({
          type: "customer.subscription.created",
          subscriptionId: "sub_c_lapse",
          created: t - 10,
          status: "active",
          metadata: meta(),
        }),
      ),
    );
    expect(await studioPlan()).toBe("pro");
    // Time passes: the paid period is now over by more than the grace, and no event came.
    await env.DB.prepare("UPDATE creator_subscriptions SET paid_through = ? WHERE id = 'sub_c_lapse'")
      .bind(Date.now() - GRACE_MS - 1000)
      .run();
    expect(await studioPlan()).toBe("free");
    // The column the last event wrote still says pro; nothing reads it for access.
    expect(await creatorPlan(creatorId)).toBe("pro");
    expect((await json<{ plan: string }>(await creator.get("/api/billing/plan"))).plan).toBe("free");
  });

  it("T36: concurrent different events for one subscription: every one applied exactly once after Stripe's redeliveries, never a 5xx but 503", async () => {
    const t = nowSec();
    const events = Array.from({ length: 8 }, (_, i) =>
      subscriptionEvent({
        type: "customer.subscription.updated",
        subscriptionId: "sub_c_race",
        created: t + i,
        status: i % 2 === 0 ? "active" : "past_due",
        metadata: meta(),
      }),
    );
    let pending = events.map((e) => JSON.stringify(e));
    const seen: number[] = [];
    for (let round = 0; round < 10 && pending.length > 0; round++) {
      const responses = await Promise.all(pending.map((p) => deliver(p)));
      seen.push(...responses.map((r) => r.status));
      pending = pending.filter((_, i) => responses[i]!.status === 503);
    }
    expect(pending).toEqual([]);
    expect(seen.every((s) => s === 200 || s === 503)).toBe(true);
    const ids = events.map((e) => `'${e.id as string}'`).join(",");
    const recorded = await env.DB.prepare(`SELECT id, status FROM platform_webhook_events WHERE id IN (${ids})`).all<{
      id: string;
      status: string;
    }>();
    expect(recorded.results).toHaveLength(8);
    const row = await env.DB.prepare(
      "SELECT status, event_created FROM creator_subscriptions WHERE id = 'sub_c_race'",
    ).first<{ status: string; event_created: number }>();
    // The newest event (created t + 7, past_due) is the state, whatever order they landed in.
    expect(row).toEqual({ status: "past_due", event_created: (t + 7) * 1000 });
  });
});
