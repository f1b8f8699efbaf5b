import { beforeAll, describe, expect, it } from "vitest";
import type { DevCheckoutSession } from "../../billing/dev-provider";
import {
  errorOf,
  grantPlan,
  inObject,
  makeApp,
  signUp,
  type TestApp,
  type TestUser,
} from "../../../test/attacks/helpers/app";
import { json } from "../../../test/helpers/client";

/**
 * `/_api/billing/*` through the real Worker and the app's Durable Object, with the dev payment
 * provider (the test env has no Stripe key): who may start a checkout or open the portal, what a
 * body may say, and that starting a checkout grants nothing (I4).
 */

let app: TestApp;
let buyer: TestUser;
let other: TestUser;

beforeAll(async () => {
  app = await makeApp("billing-unit");
  buyer = await signUp(app, "buyer@example.com");
  other = await signUp(app, "other@example.com");
});

const DEV_PREFIX = "billing:dev-checkout:";

/** Dev checkout sessions the object holds (its KV), oldest key first. */
const devSessions = (): Promise<DevCheckoutSession[]> =>
  inObject(app, (store) => [...store.kv.list<DevCheckoutSession>({ prefix: DEV_PREFIX })].map(([, v]) => v));

const count = (table: string): Promise<number> =>
  inObject(app, (store) => Number(store.sql.exec(`SELECT COUNT(*) AS n FROM ${table}`).one().n));

const plans = async (u: TestUser): Promise<string[]> =>
  (await json<{ entitlements: { plans: string[] } }>(await u.client.get("/_api/auth/me"))).entitlements.plans;

interface Snapshot {
  sessions: number;
  subscriptions: number;
  customers: number;
}

/** What a refused request could have written: checkout sessions, subscriptions, customers. */
const snapshot = async (): Promise<Snapshot> => ({
  sessions: (await devSessions()).length,
  subscriptions: await count("subscriptions"),
  customers: await count("billing_customers"),
});

async function unchanged(before: Snapshot): Promise<void> {
  expect(await snapshot()).toEqual(before);
}

describe("who may call", () => {
  it.each(["/_api/billing/checkout", "/_api/billing/portal"])(
    "%s without a session is 401 unauthorized",
    async (path) => {
      const before = await snapshot();
      const res = await app.client().post(path, { plan: "pro" });
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthorized");
      await unchanged(before);
    },
  );

  it("a forged or revoked session cookie is 401 too", async () => {
    const before = await snapshot();
    const client = app.client();
    client.setCookie(
      "sandlot_app_session",
      `${buyer.client.cookie("sandlot_app_session")!.split(".")[0]}.forged-secret`,
    );
    expect((await client.post("/_api/billing/checkout", { plan: "pro" })).status).toBe(401);
    await unchanged(before);
  });
});

describe("checkout body (I8, T07)", () => {
  it.each(["platinum", "PRO", "pro ", "constructor", "__proto__", "toString"])(
    "plan %j that the manifest does not sell is 400 unknown_plan",
    async (plan) => {
      const before = await snapshot();
      const res = await buyer.client.post("/_api/billing/checkout", { plan });
      expect(res.status).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe("unknown_plan");
      expect(error.message).toContain(plan);
      await unchanged(before);
    },
  );

  it.each([
    ["a user id", { plan: "pro", userId: "someone-else" }, "unknown_field"],
    ["a paid flag", { plan: "pro", paid: true }, "unknown_field"],
    ["entitlements", { plan: "pro", entitlements: ["premium"] }, "unknown_field"],
    ["no plan", {}, "invalid"],
    ["an empty plan", { plan: "" }, "invalid"],
    ["a number", { plan: 5 }, "invalid"],
    ["a list of plans", { plan: ["pro"] }, "invalid"],
    ["a 65-character plan", { plan: "p".repeat(65) }, "invalid"],
    ["an array body", ["pro"], "invalid"],
    ["a null body", null, "invalid"],
  ])("a body with %s is 400 %s and starts nothing", async (_name, body, code) => {
    const before = await snapshot();
    const res = await buyer.client.post("/_api/billing/checkout", body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    expect(JSON.stringify(error)).not.toMatch(/at .*\.ts|stack/i);
    await unchanged(before);
  });

  it("a body that is not JSON is refused before anything starts", async () => {
    const before = await snapshot();
    const wrongType = await buyer.client.fetch("/_api/billing/checkout", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: '{"plan":"pro"}',
    });
    expect(wrongType.status).toBe(415);
    const broken = await buyer.client.fetch("/_api/billing/checkout", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"plan":"pro"',
    });
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).code).toBe("invalid_json");
    await unchanged(before);
  });
});

describe("dev provider checkout", () => {
  it("returns only a /_sandlot/dev-checkout/cs_test_dev_… URL on the app's origin, bound to the user", async () => {
    const before = await snapshot();
    const res = await buyer.client.post("/_api/billing/checkout", { plan: "pro" });
    expect(res.status).toBe(200);
    const body = await json<{ url: string }>(res);
    expect(Object.keys(body)).toEqual(["url"]);
    const match = new RegExp(
      `^${app.origin.replaceAll(".", "\\.")}/_sandlot/dev-checkout/(cs_test_dev_[a-z2-7]{24})$`,
    ).exec(body.url);
    expect(match, body.url).not.toBeNull();

    const sessions = await devSessions();
    expect(sessions).toHaveLength(before.sessions + 1);
    const session = sessions.find((x) => x.id === match![1]);
    expect(session).toBeDefined();
    expect(session).toMatchObject({
      id: match![1],
      appId: app.appId,
      userId: buyer.id,
      email: "buyer@example.com",
      plan: { id: "pro", name: "Pro", amount: 500, currency: "usd", interval: "month" },
      successUrl: `${app.origin}/?checkout=success&plan=pro#/account`,
      cancelUrl: `${app.origin}/?checkout=cancel#/account`,
      completedAt: null,
    });
    expect(session!.expiresAt - session!.createdAt).toBe(30 * 60 * 1000);
    // The form token stays in the object; the response never carried it.
    expect(JSON.stringify(body)).not.toContain(session!.formToken);

    const path = new URL(body.url).pathname;
    expect((await buyer.client.get(path)).status).toBe(200);
    expect((await other.client.get(path)).status).toBe(404);
    expect((await app.client().get(path)).status).toBe(404);
  });

  it("T06: starting a checkout (twice) grants nothing: no subscription, no customer, no entitlement", async () => {
    const before = await snapshot();
    const urls = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await buyer.client.post("/_api/billing/checkout", { plan: "pro" });
      expect(res.status).toBe(200);
      urls.add((await json<{ url: string }>(res)).url);
    }
    expect(urls.size).toBe(2);
    await buyer.client.get("/?checkout=success");
    expect(await snapshot()).toEqual({ ...before, sessions: before.sessions + 2 });
    expect(await count("webhook_events")).toBe(0);
    expect(await plans(buyer)).toEqual([]);
  });
});

describe("already subscribed", () => {
  let subscriber: TestUser;
  beforeAll(async () => {
    subscriber = await signUp(app, "subscriber@example.com");
  });

  it.each([
    ["active", 409],
    ["trialing", 409],
    ["canceled", 200],
    ["incomplete", 200],
  ])("a %s subscription to the plan answers %i", async (status, want) => {
    const userId = subscriber.id;
    await inObject(app, (store) => store.sql.exec("DELETE FROM subscriptions WHERE user_id = ?", userId));
    await grantPlan(app, userId, "pro", status);
    const before = (await devSessions()).length;
    const res = await subscriber.client.post("/_api/billing/checkout", { plan: "pro" });
    expect(res.status).toBe(want);
    if (want === 409) {
      expect((await errorOf(res)).code).toBe("already_subscribed");
      expect(await devSessions()).toHaveLength(before);
    } else {
      expect(await devSessions()).toHaveLength(before + 1);
    }
  });
});

describe("portal", () => {
  it("without a billing customer is 404 no_billing_account", async () => {
    const res = await other.client.post("/_api/billing/portal");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("no_billing_account");
  });

  it("with a customer, the dev provider's portal page on the app's origin; another user still has none", async () => {
    const userId = other.id;
    await inObject(app, (store) =>
      store.sql.exec("INSERT INTO billing_customers (user_id, customer_id) VALUES (?, 'cus_dev_portal')", userId),
    );
    const res = await other.client.post("/_api/billing/portal");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ url: `${app.origin}/_sandlot/dev-checkout/portal` });
    expect((await buyer.client.post("/_api/billing/portal")).status).toBe(404);
  });
});
