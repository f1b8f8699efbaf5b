import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { CREATOR_PLANS, creatorAllowance } from "../../platform/billing/creator-plans";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { creatorPlan, deliver, deliverEvent, nowSec, subscriptionEvent } from "./billing-helpers";

/** Creator plans: bought on the platform's account, applied exactly once from verified webhooks into D1. */

let creator: Client;
let creatorId: string;

beforeAll(async () => {
  creator = new Client(STUDIO_ORIGIN);
  const res = await creator.post("/api/auth/signup", {
    email: "plan-buyer@example.com",
    password: "correct-horse-battery-staple",
  });
  creatorId = (await json<{ creator: { id: string } }>(res)).creator.id;
});

const meta = (plan = "pro"): Record<string, string> => ({ sandlot_creator_id: creatorId, sandlot_creator_plan: plan });

describe("creator allowances", () => {
  it("come from configuration; unknown plans get the free allowance", () => {
    expect(creatorAllowance("pro").apps).toBeGreaterThan(creatorAllowance("free").apps);
    expect(creatorAllowance("nonsense")).toEqual(CREATOR_PLANS.free.allowance);
  });
});

describe("creator plan webhooks", () => {
  it("20 concurrent deliveries: one applied, the plan is pro", async () => {
    const event = subscriptionEvent({
      type: "customer.subscription.created",
      subscriptionId: "sub_creator_1",
      created: nowSec() - 5,
      status: "active",
      metadata: meta(),
    });
    const payload = JSON.stringify(event);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async () => (await json<{ outcome: string }>(await deliver(payload))).outcome),
    );
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(19);
    expect(await creatorPlan(creatorId)).toBe("pro");
    const me = await json<{ creator: { plan: string } }>(await creator.get("/api/auth/me"));
    expect(me.creator.plan).toBe("pro");
  });

  it("a stale update after the cancellation leaves the creator on free", async () => {
    const t = nowSec();
    await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.deleted",
        subscriptionId: "sub_creator_1",
        created: t,
        status: "canceled",
        metadata: meta(),
      }),
    );
    expect(await creatorPlan(creatorId)).toBe("free");
    const stale = subscriptionEvent({
      type: "customer.subscription.updated",
      subscriptionId: "sub_creator_1",
      created: t - 2,
      status: "active",
      metadata: meta(),
    });
    expect(await json(await deliverEvent(stale))).toMatchObject({ outcome: "ignored", reason: "stale" });
    expect(await creatorPlan(creatorId)).toBe("free");
  });

  it("ignores creator-plan metadata arriving from a connected account", async () => {
    const res = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: "sub_creator_forged",
        created: nowSec(),
        status: "active",
        metadata: meta(),
        account: "acct_someone000000001",
      }),
    );
    expect(await json(res)).toMatchObject({ outcome: "ignored", reason: "connect_event_for_creator_plan" });
    expect(await creatorPlan(creatorId)).toBe("free");
    const subs = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM creator_subscriptions WHERE id = 'sub_creator_forged'",
    ).first<{ n: number }>();
    expect(subs?.n).toBe(0);
  });

  it("buys pro through the dev provider's test-mode checkout page (no keys), via the signed webhook path", async () => {
    const res = await creator.post("/api/billing/checkout", { plan: "pro" });
    expect(res.status).toBe(200);
    const url = new URL((await json<{ url: string }>(res)).url);
    expect(url.pathname).toMatch(/^\/api\/billing\/dev-checkout\/[\w-]+\.[\w-]+$/);
    // Starting a checkout changes nothing; the page says plainly that it is test mode.
    expect(await creatorPlan(creatorId)).toBe("free");
    const page = await creator.get(url.pathname);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("TEST MODE");
    expect(html).toContain("Pay (test mode)");
    // Another creator cannot use this checkout, and a tampered ticket is no checkout.
    const other = new Client(STUDIO_ORIGIN);
    await other.post("/api/auth/signup", { email: "plan-other@example.com", password: "correct-horse-battery-staple" });
    expect((await other.post(url.pathname, undefined)).status).toBe(404);
    expect((await creator.post(`${url.pathname.slice(0, -2)}xx`, undefined)).status).toBe(404);
    expect(await creatorPlan(creatorId)).toBe("free");

    // As the page's form sends it: a same-origin form POST, redirect not followed.
    const paid = await creator.fetch(url.pathname, { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${STUDIO_ORIGIN}/billing?checkout=success&plan=pro`);
    expect(await creatorPlan(creatorId)).toBe("pro");
    expect((await creator.post("/api/billing/checkout", { plan: "pro" })).status).toBe(409);
    expect((await creator.post("/api/billing/checkout", { plan: "free" })).status).toBe(400);
    const applied = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM platform_webhook_events WHERE id LIKE 'evt_dev_%' AND status = 'applied'",
    ).first<{ n: number }>();
    expect(applied?.n).toBe(2);
  });

  it("shows the connection state, and dev-connects without keys", async () => {
    const before = await json<{ connection: { state: string } }>(await creator.get("/api/billing/connect"));
    expect(before.connection.state).toBe("none");
    const after = await json<{ connection: { state: string }; url: string | null }>(
      await creator.post("/api/billing/connect"),
    );
    expect(after).toMatchObject({ connection: { state: "dev" }, url: null });
    expect((await new Client(STUDIO_ORIGIN).get("/api/billing/connect")).status).toBe(401);
  });
});
