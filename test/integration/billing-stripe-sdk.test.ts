import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppObject } from "../../platform/object/app-object";
import { appStoreOf } from "../../platform/object/store";
import { appStub } from "../../platform/worker/stubs";
import {
  startCheckout,
  startPortal,
  type BillingCaller,
  type BillingDeps,
  type BillingUrl,
} from "../../platform/billing/checkout";
import { connectCreator, refreshConnection } from "../../platform/billing/connect";
import { startCreatorCheckout } from "../../platform/billing/creator-checkout";
import { signPayload } from "../../platform/billing/verify";
import { handleStripeWebhook } from "../../platform/worker/stripe-webhook";
import type { Env } from "../../platform/env";
import { getTemplate } from "../../platform/templates/registry";
import { STUDIO_ORIGIN } from "../helpers/client";
import { makeApp, signUp, type TestApp, type TestUser } from "../attacks/helpers/app";
import {
  appRows,
  connectCreatorAccount,
  nowSec,
  realStripeEnv,
  stripeControl,
  stripeRequests,
  WEBHOOK_SECRET,
} from "./billing-helpers";

/**
 * Real-SDK mode: the `stripe` package (fetch http client) talks to test/stripe-server over
 * 127.0.0.1. The env override with a test key applies to these calls only; the Worker's own env
 * has no key, which is what the dev-provider tests rely on.
 */

let app: TestApp;
let user: TestUser;
let creatorId: string;
const ACCOUNT = "acct_sdkcreator000001";

beforeAll(async () => {
  app = await makeApp("sdkshop");
  user = await signUp(app, "sdk-buyer@example.com");
  creatorId = (await env.DB.prepare("SELECT creator_id FROM apps WHERE id = ?")
    .bind(app.appId)
    .first<{ creator_id: string }>())!.creator_id;
});

const caller = (): BillingCaller => ({
  app: { id: app.appId, creatorId, origin: app.origin },
  user: { id: user.id, email: user.email },
  manifest: getTemplate(env, "sandlot-test")!.manifest,
});

function inObject(run: (deps: BillingDeps) => Promise<BillingUrl>, e: Env = realStripeEnv()): Promise<BillingUrl> {
  return runInDurableObject(appStub(env, app.appId), (_object: AppObject, state) =>
    run({ env: e, store: appStoreOf(state.storage) }),
  );
}

describe("checkout with the real SDK on the creator's connected account", () => {
  it("refuses while the creator has not connected Stripe", async () => {
    expect(await inObject((deps) => startCheckout(deps, caller(), "pro", Date.now()))).toMatchObject({
      ok: false,
      status: 409,
      code: "billing_not_connected",
    });
  });

  it("creates a subscription checkout carrying the three metadata keys on the session and the subscription", async () => {
    await connectCreatorAccount(creatorId, ACCOUNT);
    const result = await inObject((deps) => startCheckout(deps, caller(), "pro", Date.now()));
    expect(result.ok).toBe(true);
    expect((result as { url: string }).url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${realStripeEnv().STRIPE_API_PORT}/pay/cs_test_`),
    );

    const requests = (await stripeRequests()).filter((r) => r.stripeAccount === ACCOUNT);
    const customer = requests.find((r) => r.path === "/v1/customers");
    expect(customer?.body).toMatchObject({
      email: user.email,
      metadata: { sandlot_app_id: app.appId, sandlot_user_id: user.id },
    });
    const session = requests.find((r) => r.path === "/v1/checkout/sessions");
    expect(session).toBeDefined();
    const metadata = { sandlot_app_id: app.appId, sandlot_user_id: user.id, sandlot_plan: "pro" };
    expect(session!.body).toMatchObject({
      mode: "subscription",
      client_reference_id: user.id,
      metadata,
      subscription_data: { metadata, application_fee_percent: "5" },
      line_items: [
        {
          quantity: "1",
          price_data: {
            currency: "usd",
            unit_amount: "500",
            recurring: { interval: "month" },
            product_data: { name: "Pro" },
          },
        },
      ],
    });
    expect(session!.body.success_url).toBe(
      `${app.origin}/?checkout=success&plan=pro&session_id={CHECKOUT_SESSION_ID}#/account`,
    );
    // Creating a checkout grants nothing (T06).
    expect(await appRows(app.appId, "SELECT * FROM subscriptions")).toEqual([]);
  });

  it("opens the billing portal for the user's customer on the connected account", async () => {
    const result = await inObject((deps) => startPortal(deps, caller()));
    expect(result.ok).toBe(true);
    const portal = (await stripeRequests()).filter(
      (r) => r.path === "/v1/billing_portal/sessions" && r.stripeAccount === ACCOUNT,
    );
    expect(portal).toHaveLength(1);
    expect(portal[0]!.body.customer).toMatch(/^cus_/);
  });
});

describe("Connect onboarding with the real SDK", () => {
  it("creates an account and an onboarding link, then sees charges enabled", async () => {
    const other = await makeApp("sdk-onboard");
    const ownerId = (await env.DB.prepare("SELECT creator_id FROM apps WHERE id = ?")
      .bind(other.appId)
      .first<{ creator_id: string }>())!.creator_id;
    const result = await connectCreator(
      realStripeEnv(),
      { id: ownerId, email: "owner@example.com" },
      STUDIO_ORIGIN,
      Date.now(),
    );
    expect(result).toMatchObject({ ok: true, connection: { state: "pending" } });
    if (!result.ok) return;
    expect(result.onboardingUrl).toContain(`/onboarding/${result.connection.accountId}`);
    await stripeControl("accounts/enable", { account: result.connection.accountId });
    expect(await refreshConnection(realStripeEnv(), ownerId, Date.now())).toEqual({
      state: "connected",
      accountId: result.connection.accountId,
    });
  });
});

describe("webhooks that only name the subscription", () => {
  it("fetch its metadata from Stripe on the event's account, then apply", async () => {
    const subId = "sub_lookup_only";
    await stripeControl("subscriptions", {
      id: subId,
      object: "subscription",
      status: "active",
      metadata: { sandlot_app_id: app.appId, sandlot_user_id: user.id, sandlot_plan: "pro" },
    });
    const event = {
      id: "evt_invoice_lookup",
      object: "event",
      type: "invoice.paid",
      created: nowSec(),
      account: ACCOUNT,
      livemode: false,
      data: {
        object: {
          id: "in_1",
          object: "invoice",
          customer: "cus_x",
          subscription: subId,
          lines: { data: [{ period: { end: nowSec() + 86400 } }] },
        },
      },
    };
    const payload = JSON.stringify(event);
    const req = new Request(`${STUDIO_ORIGIN}/webhooks/stripe`, {
      method: "POST",
      body: payload,
      headers: { "stripe-signature": await signPayload(payload, WEBHOOK_SECRET) },
    });
    expect(await handleStripeWebhook(realStripeEnv(), req)).toMatchObject({
      ok: true,
      target: "app",
      outcome: "applied",
    });
    const lookups = (await stripeRequests()).filter((r) => r.path === `/v1/subscriptions/${subId}`);
    expect(lookups.map((r) => r.stripeAccount)).toEqual([ACCOUNT]);
    expect(await appRows(app.appId, `SELECT user_id, plan, status FROM subscriptions WHERE id = '${subId}'`)).toEqual([
      { user_id: user.id, plan: "pro", status: "active" },
    ]);
  });
});

describe("creator plan checkout with the real SDK", () => {
  it("runs on the platform account with the creator metadata", async () => {
    const result = await startCreatorCheckout(
      realStripeEnv(),
      { id: creatorId, email: "c@example.com", plan: "free" },
      "pro",
      STUDIO_ORIGIN,
    );
    expect(result.ok).toBe(true);
    const session = (await stripeRequests()).find(
      (r) =>
        r.path === "/v1/checkout/sessions" &&
        (r.body.metadata as Record<string, string> | undefined)?.sandlot_creator_id === creatorId,
    );
    expect(session?.stripeAccount).toBeNull();
    expect(session?.body).toMatchObject({
      metadata: { sandlot_creator_plan: "pro" },
      subscription_data: { metadata: { sandlot_creator_id: creatorId, sandlot_creator_plan: "pro" } },
    });
  });
});
