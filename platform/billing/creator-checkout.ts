import type { Env } from "../env";
import { purchasableCreatorPlan } from "./creator-plans";
import { deliverDevPurchase } from "../worker/dev-payments";
import { newDevCheckoutId } from "./dev-provider";
import { META } from "./facts";
import { stripeClient } from "./stripe-client";

/**
 * A creator buying a platform plan, on the platform's own Stripe account. The plan changes only
 * when the verified webhook arrives (creator-billing.ts), like an app user's.
 */

export type CreatorCheckout =
  | { ok: true; url: string }
  | { ok: false; status: 400 | 409 | 502 | 503; code: "unknown_plan" | "already_subscribed" | "payments_unavailable" | "stripe_error"; message: string };

export async function startCreatorCheckout(env: Env, creator: { id: string; email: string; plan: string }, planId: string, studioOrigin: string, now: number): Promise<CreatorCheckout> {
  const plan = purchasableCreatorPlan(planId);
  if (!plan || !plan.price) return { ok: false, status: 400, code: "unknown_plan", message: `There is no creator plan "${planId}" to buy.` };
  if (creator.plan === plan.id) return { ok: false, status: 409, code: "already_subscribed", message: `You already have the ${plan.name} plan.` };
  const metadata = { [META.creatorId]: creator.id, [META.creatorPlan]: plan.id };
  const successUrl = `${studioOrigin}/billing?checkout=success`;
  const cancelUrl = `${studioOrigin}/billing?checkout=cancel`;
  const stripe = stripeClient(env);
  if (!stripe) {
    if (env.ENVIRONMENT === "production") return { ok: false, status: 503, code: "payments_unavailable", message: "Payments are not configured on this server." };
    // Dev: the creator's own authenticated, same-site POST is the "payment"; the plan still
    // arrives only through the signed webhook path.
    const delivered = await deliverDevPurchase(
      env,
      { checkoutSessionId: newDevCheckoutId(), clientReferenceId: creator.id, email: creator.email, price: plan.price, metadata, successUrl, cancelUrl },
      now,
    );
    if (!delivered.ok) return { ok: false, status: 503, code: "payments_unavailable", message: "The dev payment provider could not record the payment (is STRIPE_WEBHOOK_SECRET set?)." };
    return { ok: true, url: successUrl };
  }
  try {
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      client_reference_id: creator.id,
      customer_email: creator.email,
      line_items: [
        {
          quantity: 1,
          price_data: { currency: plan.price.currency, unit_amount: plan.price.amount, recurring: { interval: plan.price.interval }, product_data: { name: `Sandlot ${plan.name}` } },
        },
      ],
      success_url: successUrl,
      cancel_url: cancelUrl,
      metadata,
      subscription_data: { metadata },
    });
    if (!session.url) return { ok: false, status: 502, code: "stripe_error", message: "Stripe did not return a checkout page." };
    return { ok: true, url: session.url };
  } catch (err) {
    console.error("creator checkout: stripe call failed", err instanceof Error ? err.message : err);
    return { ok: false, status: 502, code: "stripe_error", message: "The payment provider did not respond. Try again in a minute." };
  }
}
