import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppObject } from "../../platform/object/app-object";
import { appStoreOf } from "../../platform/object/store";
import { createAppRouter } from "../../platform/worker/app/router";
import { appStub } from "../../platform/worker/stubs";
import { startCheckout } from "../../platform/billing/checkout";
import type { Env } from "../../platform/env";
import { getTemplate } from "../../platform/templates/registry";
import { apps } from "../../platform/db/d1-schema";
import { appOrigin, Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { signUp, type TestApp, type TestUser } from "../attacks/helpers/app";
import { appRows } from "./billing-helpers";

/**
 * The dev payment provider end to end over HTTP inside workerd (no Stripe keys): sign up on an
 * app, start checkout, open the test page, pay, and see the entitlement — applied by the same
 * signed-webhook path as real payments. Then the creator reads events and subscribers.
 */

let creator: Client;
let app: TestApp;
let buyer: TestUser;

beforeAll(async () => {
  creator = new Client(STUDIO_ORIGIN);
  const res = await creator.post("/api/auth/signup", {
    email: "maker@example.com",
    password: "correct-horse-battery-staple",
  });
  expect(res.status).toBe(201);
  const creatorId = (await json<{ creator: { id: string } }>(res)).creator.id;
  const appId = crypto.randomUUID();
  const now = Date.now();
  await drizzle(env.DB).insert(apps).values({
    id: appId,
    slug: "devshop",
    name: "devshop",
    templateId: "sandlot-test",
    creatorId,
    currentVersion: null,
    createdAt: now,
    updatedAt: now,
  });
  app = { slug: "devshop", appId, origin: appOrigin("devshop"), client: () => new Client(appOrigin("devshop")) };
  buyer = await signUp(app, "buyer@example.com");
});

const plans = async (u: TestUser): Promise<string[]> =>
  (await json<{ entitlements: { plans: string[] } }>(await u.client.get("/_api/auth/me"))).entitlements.plans;

function tokenIn(html: string): string {
  const m = html.match(/name="token" value="([^"]+)"/);
  expect(m).not.toBeNull();
  return m![1]!;
}

const form = (token: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ token }).toString(),
  redirect: "manual",
});

describe("checkout input", () => {
  it("needs a signed-in user", async () => {
    expect((await app.client().post("/_api/billing/checkout", { plan: "pro" })).status).toBe(401);
  });
  it("refuses an unknown plan with 400", async () => {
    const res = await buyer.client.post("/_api/billing/checkout", { plan: "platinum" });
    expect(res.status).toBe(400);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("unknown_plan");
  });
  it("has no portal before any subscription", async () => {
    expect((await buyer.client.post("/_api/billing/portal")).status).toBe(404);
  });
});

describe("dev payment flow", () => {
  it("sign up → checkout → test page → pay → entitled", async () => {
    const start = await buyer.client.post("/_api/billing/checkout", { plan: "pro" });
    expect(start.status).toBe(200);
    const { url } = await json<{ url: string }>(start);
    expect(url.startsWith(`${app.origin}/_sandlot/dev-checkout/cs_test_dev_`)).toBe(true);
    const path = new URL(url).pathname;

    const page = await buyer.client.get(path);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain("TEST MODE — no real payment");
    expect(html).not.toContain("<script");
    const token = tokenIn(html);

    // Another user of the same app cannot see or complete it; neither can a forged token.
    const intruder = await signUp(app, "intruder@example.com");
    expect((await intruder.client.get(path)).status).toBe(404);
    expect((await intruder.client.fetch(path, form(token))).status).toBe(404);
    expect((await buyer.client.fetch(path, form("not-the-token"))).status).toBe(403);
    // A cross-site form post is refused.
    expect(
      (
        await buyer.client.fetch(path, {
          ...form(token),
          headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
        })
      ).status,
    ).toBe(403);
    expect(await plans(buyer)).toEqual([]);

    const paid = await buyer.client.fetch(path, form(token));
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${app.origin}/?checkout=success&plan=pro#/account`);
    expect(await plans(buyer)).toEqual(["pro"]);
    expect(await plans(intruder)).toEqual([]);

    // Single use, and a second checkout for the same plan is a conflict.
    expect((await buyer.client.fetch(path, form(token))).status).toBe(404);
    const again = await buyer.client.post("/_api/billing/checkout", { plan: "pro" });
    expect(again.status).toBe(409);
    expect((await json<{ error: { code: string } }>(again)).error.code).toBe("already_subscribed");

    // The events went through the webhook path and were recorded there.
    const events = await appRows<{ type: string; status: string }>(
      app.appId,
      "SELECT type, status FROM webhook_events ORDER BY type",
    );
    expect(events).toEqual([
      { type: "checkout.session.completed", status: "applied" },
      { type: "customer.subscription.created", status: "applied" },
    ]);
    const portal = await buyer.client.post("/_api/billing/portal");
    expect(portal.status).toBe(200);
    const portalPage = await buyer.client.get(new URL((await json<{ url: string }>(portal)).url).pathname);
    expect(await portalPage.text()).toContain("pro: active");
  });

  it("shows the creator the app's billing events and subscribers, and nobody else", async () => {
    const events = await creator.get("/api/apps/devshop/billing/events");
    expect(events.status).toBe(200);
    const body = await json<{
      events: Array<{ id: string; type: string; status: string; reason: string | null; receivedAt: number }>;
    }>(events);
    expect(body.events.map((e) => e.type).sort()).toEqual([
      "checkout.session.completed",
      "customer.subscription.created",
    ]);
    expect(body.events[0]).toEqual({
      id: expect.stringMatching(/^evt_dev_/),
      type: expect.any(String),
      status: "applied",
      reason: null,
      receivedAt: expect.any(Number),
    });

    const subs = await creator.get("/api/apps/devshop/billing/subscribers");
    expect(subs.status).toBe(200);
    const list = (await json<{ subscribers: Array<Record<string, unknown>> }>(subs)).subscribers;
    expect(list).toEqual([
      {
        userId: buyer.id,
        email: "buyer@example.com",
        plan: "pro",
        status: "active",
        currentPeriodEnd: expect.any(Number),
      },
    ]);
    expect(JSON.stringify(list)).not.toContain("cus_");

    const other = new Client(STUDIO_ORIGIN);
    await other.post("/api/auth/signup", {
      email: "other-maker@example.com",
      password: "correct-horse-battery-staple",
    });
    expect((await other.get("/api/apps/devshop/billing/events")).status).toBe(404);
    expect((await other.get("/api/apps/devshop/billing/subscribers")).status).toBe(404);
    expect((await new Client(STUDIO_ORIGIN).get("/api/apps/devshop/billing/events")).status).toBe(401);
  });

  it("refuses to run in production, page and checkout alike", async () => {
    const user = await signUp(app, "prod-check@example.com");
    const { url } = await json<{ url: string }>(await user.client.post("/_api/billing/checkout", { plan: "pro" }));
    const open = (e: Env): Promise<Response> =>
      Promise.resolve(
        createAppRouter().fetch(
          new Request(url, { headers: { cookie: `sandlot_app_session=${user.client.cookie("sandlot_app_session")}` } }),
          e,
          ctx,
        ),
      );
    expect((await open(env as unknown as Env)).status).toBe(200);
    expect((await open({ ...(env as unknown as Env), ENVIRONMENT: "production" })).status).toBe(404);

    const result = await runInDurableObject(appStub(env, app.appId), (_object: AppObject, state) =>
      startCheckout(
        { env: { ...(env as unknown as Env), ENVIRONMENT: "production" }, store: appStoreOf(state.storage) },
        {
          app: { id: app.appId, creatorId: "c", origin: app.origin },
          user: { id: user.id, email: user.email },
          manifest: getTemplate(env, "sandlot-test")!.manifest,
        },
        "pro",
        Date.now(),
      ),
    );
    expect(result).toMatchObject({ ok: false, status: 503, code: "payments_unavailable" });
  });
});

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
