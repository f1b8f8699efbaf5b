import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { BillingCaller, BillingUrl } from "../../platform/billing/checkout";
import { startPurchase } from "../../platform/object/purchases";
import { signPayload } from "../../platform/billing/verify";
import type { AppObject } from "../../platform/object/app-object";
import { appStoreOf } from "../../platform/object/store";
import { getTemplate } from "../../platform/templates/registry";
import { handleStripeWebhook } from "../../platform/worker/stripe-webhook";
import { appStub } from "../../platform/worker/stubs";
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
 * One-time purchases with the real `stripe` SDK against test/stripe-server: the Checkout Session
 * in `payment` mode the platform creates on the creator's connected account, and a refund whose
 * charge carries no metadata, routed by re-reading its payment intent from Stripe.
 */

let app: TestApp;
let user: TestUser;
let creatorId: string;
const ACCOUNT = "acct_purchasecreator01";

beforeAll(async () => {
  app = await makeApp("sdk-purchases", "sandlot-shop");
  user = await signUp(app, "sdk-purchaser@example.com");
  creatorId = (await env.DB.prepare("SELECT creator_id FROM apps WHERE id = ?")
    .bind(app.appId)
    .first<{ creator_id: string }>())!.creator_id;
  await connectCreatorAccount(creatorId, ACCOUNT);
});

const caller = (): BillingCaller => ({
  app: { id: app.appId, creatorId, origin: app.origin },
  user: { id: user.id, email: user.email },
  manifest: getTemplate(env, "sandlot-shop")!.manifest,
});

const buy = (product: string): Promise<BillingUrl> =>
  runInDurableObject(appStub(env, app.appId), (_o: AppObject, state) =>
    startPurchase(
      { env: realStripeEnv(), store: appStoreOf(state.storage) },
      caller(),
      { userId: user.id, plans: [] },
      { product },
      Date.now(),
    ),
  );

async function deliverReal(event: Record<string, unknown>): Promise<unknown> {
  const payload = JSON.stringify(event);
  const req = new Request(`${STUDIO_ORIGIN}/webhooks/stripe`, {
    method: "POST",
    body: payload,
    headers: { "stripe-signature": await signPayload(payload, WEBHOOK_SECRET) },
  });
  return handleStripeWebhook(realStripeEnv(), req);
}

describe("one-time purchase with the real SDK", () => {
  it("creates a payment-mode Checkout Session with the routing metadata on the session and its payment intent", async () => {
    const result = await buy("ebook");
    expect(result.ok).toBe(true);
    const session = (await stripeRequests()).find(
      (r) => r.path === "/v1/checkout/sessions" && r.stripeAccount === ACCOUNT,
    );
    const metadata = { sandlot_app_id: app.appId, sandlot_user_id: user.id, sandlot_product: "ebook" };
    expect(session?.body).toMatchObject({
      mode: "payment",
      customer_email: user.email,
      client_reference_id: user.id,
      metadata,
      payment_intent_data: { metadata, application_fee_amount: "45" },
      line_items: [
        { quantity: "1", price_data: { currency: "usd", unit_amount: "900", product_data: { name: "The ebook" } } },
      ],
    });
    expect(session?.body.line_items).not.toContainEqual(
      expect.objectContaining({ price_data: expect.objectContaining({ recurring: expect.anything() }) }),
    );
    expect(session?.body.success_url).toBe(
      `${app.origin}/?purchase=success&product=ebook&session_id={CHECKOUT_SESSION_ID}#/account`,
    );
    // Creating the session grants nothing (T06).
    expect(await appRows(app.appId, "SELECT * FROM purchases")).toEqual([]);
  });

  it("applies the paid session, then a refund routed through its payment intent", async () => {
    const pi = "pi_sdk_refund_lookup";
    const paid = {
      id: "evt_sdk_paid",
      object: "event",
      type: "checkout.session.completed",
      created: nowSec(),
      account: ACCOUNT,
      livemode: false,
      data: {
        object: {
          id: "cs_test_sdk_paid",
          object: "checkout.session",
          mode: "payment",
          payment_status: "paid",
          payment_intent: pi,
          amount_total: 900,
          currency: "usd",
          metadata: { sandlot_app_id: app.appId, sandlot_user_id: user.id, sandlot_product: "ebook" },
        },
      },
    };
    expect(await deliverReal(paid)).toMatchObject({ ok: true, target: "app", outcome: "applied" });
    await stripeControl("payment_intents", {
      id: pi,
      object: "payment_intent",
      metadata: { sandlot_app_id: app.appId, sandlot_user_id: user.id, sandlot_product: "ebook" },
    });
    const refunded = {
      id: "evt_sdk_refund",
      object: "event",
      type: "charge.refunded",
      created: nowSec(),
      account: ACCOUNT,
      livemode: false,
      data: { object: { id: "ch_sdk", object: "charge", payment_intent: pi, refunded: true, metadata: {} } },
    };
    expect(await deliverReal(refunded)).toMatchObject({ ok: true, target: "app", outcome: "applied" });
    const lookups = (await stripeRequests()).filter((r) => r.path === `/v1/payment_intents/${pi}`);
    expect(lookups.map((r) => r.stripeAccount)).toEqual([ACCOUNT]);
    expect(
      await appRows(
        app.appId,
        "SELECT product, refunded_at IS NOT NULL AS refunded FROM purchases WHERE id = 'cs_test_sdk_paid'",
      ),
    ).toEqual([{ product: "ebook", refunded: 1 }]);
  });
});
