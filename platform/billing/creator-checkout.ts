import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";
import { purchasableCreatorPlan } from "./creator-plans";
import { newDevCheckoutId, type DevPurchase } from "./dev-provider";
import { META } from "./facts";
import { billingFailure, paymentsUnavailable, stripeUnreachable, type BillingFailure } from "./failure";
import { stripeClient } from "./stripe-client";

/**
 * A creator buying a platform plan, on the platform's own Stripe account. The plan changes only
 * when the verified webhook arrives (creator-billing.ts), like an app user's.
 */

export type CreatorCheckout =
  | { ok: true; url: string }
  /** No Stripe keys (never production): the caller delivers this purchase through the signed webhook path. */
  | { ok: true; url: string; devPurchase: DevPurchase }
  | BillingFailure;

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
  const successUrl = `${studioOrigin}/billing?checkout=success`;
  const cancelUrl = `${studioOrigin}/billing?checkout=cancel`;
  const stripe = stripeClient(env);
  if (!stripe) {
    if (!devFeaturesEnabled(env)) return paymentsUnavailable();
    const devPurchase: DevPurchase = {
      checkoutSessionId: newDevCheckoutId(),
      clientReferenceId: creator.id,
      email: creator.email,
      price: plan.price,
      metadata,
      successUrl,
      cancelUrl,
    };
    return { ok: true, url: successUrl, devPurchase };
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
