import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";
import { purchasableCreatorPlan } from "./creator-plans";
import { issueCreatorTicket } from "./creator-dev-checkout";
import { META } from "./facts";
import { billingFailure, paymentsUnavailable, stripeUnreachable, type BillingFailure } from "./failure";
import { stripeClient } from "./stripe-client";

/**
 * A creator buying a platform plan, on the platform's own Stripe account. The plan changes only
 * when the verified webhook arrives (creator-billing.ts), like an app user's.
 */

/** Where the studio serves the dev provider's checkout page for a creator plan. */
export const CREATOR_DEV_CHECKOUT_PATH = "/api/billing/dev-checkout/";

export type CreatorCheckout = { ok: true; url: string } | BillingFailure;

export async function startCreatorCheckout(
  env: Env,
  creator: { id: string; email: string; plan: string },
  planId: string,
  studioOrigin: string,
): Promise<CreatorCheckout> {
  const plan = purchasableCreatorPlan(planId);
  if (!plan?.price) return billingFailure(400, "unknown_plan", `There is no creator plan "${planId}" to buy.`);
  if (creator.plan === plan.id)
    return billingFailure(409, "already_subscribed", `You already have the ${plan.name} plan.`);
  const metadata = { [META.creatorId]: creator.id, [META.creatorPlan]: plan.id };
  const successUrl = `${studioOrigin}/billing?checkout=success&plan=${encodeURIComponent(plan.id)}`;
  const cancelUrl = `${studioOrigin}/billing?checkout=cancel`;
  const stripe = stripeClient(env);
  if (!stripe) {
    if (!devFeaturesEnabled(env) || !env.STRIPE_WEBHOOK_SECRET) return paymentsUnavailable();
    // The labelled test-mode page (worker/studio/creator-dev-checkout.ts); nothing changes until Pay.
    const ticket = await issueCreatorTicket(env.STRIPE_WEBHOOK_SECRET, creator.id, plan.id, Date.now());
    return { ok: true, url: `${studioOrigin}${CREATOR_DEV_CHECKOUT_PATH}${ticket}` };
  }
  try {
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      client_reference_id: creator.id,
      customer_email: creator.email,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: plan.price.currency,
            unit_amount: plan.price.amount,
            recurring: { interval: plan.price.interval },
            product_data: { name: `Sandlot ${plan.name}` },
          },
        },
      ],
      success_url: successUrl,
      cancel_url: cancelUrl,
      metadata,
      subscription_data: { metadata },
    });
    if (!session.url) return billingFailure(502, "stripe_error", "Stripe did not return a checkout page.");
    return { ok: true, url: session.url };
  } catch (err) {
    console.error("creator checkout: stripe call failed", err instanceof Error ? err.message : err);
    return stripeUnreachable();
  }
}
