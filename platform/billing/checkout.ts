import { eq } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import type Stripe from "stripe";
import { billingCustomers } from "../db/do-schema";
import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";
import type { Manifest } from "../manifest/schema";
import { connectionOf } from "./connect";
import { createDevCheckout } from "./dev-provider";
import { entitlementsFor } from "./entitlements";
import { META } from "./facts";
import { billingFailure as fail, paymentsUnavailable, stripeUnreachable, type BillingFailure } from "./failure";
import { stripeClient } from "./stripe-client";

/**
 * Checkout and portal sessions for an app's end user, created on the server for the session user
 * only. The URL they return proves nothing: entitlements come only from the webhook path (I4, T06).
 */

/** The app's Durable Object storage, as billing needs it (the object's AppStore satisfies this). */
export interface BillingStore {
  db: DrizzleSqliteDODatabase;
  kv: SyncKvStorage;
}

export interface BillingDeps {
  env: Env;
  store: BillingStore;
}

export interface BillingCaller {
  app: { id: string; creatorId: string; origin: string };
  user: { id: string; email: string };
  manifest: Manifest;
}

export type BillingUrl = { ok: true; url: string } | BillingFailure;

/** Fee on connected-account subscriptions, clamped to what Stripe accepts; absent or bad = none. */
export function platformFeePercent(env: Pick<Env, "STRIPE_PLATFORM_FEE_PERCENT">): number | null {
  const n = Number(env.STRIPE_PLATFORM_FEE_PERCENT);
  if (!env.STRIPE_PLATFORM_FEE_PERCENT || !Number.isFinite(n) || n <= 0) return null;
  return Math.min(100, Math.round(n * 100) / 100);
}

async function customerFor(
  stripe: Stripe,
  deps: BillingDeps,
  caller: BillingCaller,
  stripeAccount: string,
): Promise<string> {
  const known = deps.store.db.select().from(billingCustomers).where(eq(billingCustomers.userId, caller.user.id)).get();
  if (known) return known.customerId;
  const customer = await stripe.customers.create(
    { email: caller.user.email, metadata: { [META.appId]: caller.app.id, [META.userId]: caller.user.id } },
    { stripeAccount, idempotencyKey: `customer:${caller.app.id}:${caller.user.id}` },
  );
  deps.store.db
    .insert(billingCustomers)
    .values({ userId: caller.user.id, customerId: customer.id })
    .onConflictDoNothing()
    .run();
  return customer.id;
}

export async function startCheckout(
  deps: BillingDeps,
  caller: BillingCaller,
  planId: string,
  now: number,
): Promise<BillingUrl> {
  const plan = caller.manifest.plans.find((p) => p.id === planId);
  if (!plan) return fail(400, "unknown_plan", `This app has no plan "${planId}".`);
  if (entitlementsFor(deps.store.db, caller.manifest, caller.user.id, now).plans.includes(plan.id)) {
    return fail(409, "already_subscribed", `You already have the ${plan.name} plan.`);
  }
  // Back to the account page of every template (the kit's AccountPage), which reads `checkout`
  // from the query and confirms the plan once the verified webhook has granted it (I4).
  const back = (query: string): string => `${caller.app.origin}/?${query}#/account`;
  const successUrl = back(`checkout=success&plan=${encodeURIComponent(plan.id)}`);
  const cancelUrl = back("checkout=cancel");
  const stripe = stripeClient(deps.env);
  if (!stripe) {
    if (!devFeaturesEnabled(deps.env)) return paymentsUnavailable();
    const dev = createDevCheckout(
      deps.store.kv,
      {
        appId: caller.app.id,
        userId: caller.user.id,
        email: caller.user.email,
        plan,
        successUrl,
        cancelUrl,
        origin: caller.app.origin,
      },
      now,
    );
    return { ok: true, url: dev.url };
  }
  const connection = await connectionOf(deps.env.DB, caller.app.creatorId);
  if (connection.state !== "connected" || !connection.accountId) {
    return fail(
      409,
      "billing_not_connected",
      "This app cannot take payments yet: its creator has not finished connecting Stripe.",
    );
  }
  const metadata = { [META.appId]: caller.app.id, [META.userId]: caller.user.id, [META.plan]: plan.id };
  const fee = platformFeePercent(deps.env);
  try {
    const customer = await customerFor(stripe, deps, caller, connection.accountId);
    const session = await stripe.checkout.sessions.create(
      {
        mode: "subscription",
        customer,
        client_reference_id: caller.user.id,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: plan.price.currency,
              unit_amount: plan.price.amount,
              recurring: { interval: plan.price.interval },
              product_data: { name: plan.name },
            },
          },
        ],
        success_url: back(`checkout=success&plan=${encodeURIComponent(plan.id)}&session_id={CHECKOUT_SESSION_ID}`),
        cancel_url: cancelUrl,
        metadata,
        // Subscription events and invoices carry these too, which is how they are routed later.
        subscription_data: { metadata, ...(fee === null ? {} : { application_fee_percent: fee }) },
      },
      { stripeAccount: connection.accountId },
    );
    if (!session.url) return fail(502, "stripe_error", "Stripe did not return a checkout page.");
    return { ok: true, url: session.url };
  } catch (err) {
    console.error("checkout: stripe call failed", err instanceof Error ? err.message : err);
    return stripeUnreachable();
  }
}

export async function startPortal(deps: BillingDeps, caller: Omit<BillingCaller, "manifest">): Promise<BillingUrl> {
  const customer = deps.store.db
    .select()
    .from(billingCustomers)
    .where(eq(billingCustomers.userId, caller.user.id))
    .get();
  if (!customer) return fail(404, "no_billing_account", "You have no subscription to manage yet.");
  const stripe = stripeClient(deps.env);
  if (!stripe) {
    if (!devFeaturesEnabled(deps.env)) return paymentsUnavailable();
    // The dev provider has no portal; the page says so and shows the subscription.
    return { ok: true, url: `${caller.app.origin}/_sandlot/dev-checkout/portal` };
  }
  const connection = await connectionOf(deps.env.DB, caller.app.creatorId);
  if (!connection.accountId || connection.state !== "connected")
    return fail(409, "billing_not_connected", "This app's payments are not connected.");
  try {
    const portal = await stripe.billingPortal.sessions.create(
      { customer: customer.customerId, return_url: `${caller.app.origin}/` },
      { stripeAccount: connection.accountId },
    );
    return { ok: true, url: portal.url };
  } catch (err) {
    console.error("portal: stripe call failed", err instanceof Error ? err.message : err);
    return stripeUnreachable();
  }
}
