import { Hono } from "hono";
import { connectCreator, refreshConnection } from "../../billing/connect";
import { startCreatorCheckout } from "../../billing/creator-checkout";
import { CREATOR_PLANS, creatorAllowance } from "../../billing/creator-plans";
import { toApiError } from "../../billing/failure";
import { creatorPurchase, readCreatorTicket, type CreatorTicket } from "../../billing/creator-dev-checkout";
import { devFeaturesEnabled, isProduction } from "../../environment";
import { notFound } from "../../errors";
import { creatorCheckoutPage, messagePage } from "../app/dev-checkout-page";
import { jsonBody } from "../../http/body";
import { deliverDevPurchase } from "../dev-payments";
import { requireCreator, type StudioContext, type StudioEnv } from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";

/** `/api/billing/*`: the creator's own Stripe connection and platform plan. */
export const creatorBillingRoutes = new Hono<StudioEnv>();

const studioOrigin = (c: StudioContext): string =>
  `${isProduction(c.env) ? "https:" : new URL(c.req.url).protocol}//${c.env.STUDIO_HOST}`;

creatorBillingRoutes.get("/connect", async (c) => {
  const creator = requireCreator(c);
  const connection = await refreshConnection(c.env, creator.id, Date.now());
  return c.json(shape("connection", { connection, testMode: !c.env.STRIPE_SECRET_KEY }));
});

creatorBillingRoutes.post("/connect", async (c) => {
  const creator = requireCreator(c);
  const result = await connectCreator(c.env, creator, studioOrigin(c), Date.now());
  if (!result.ok) throw toApiError(result);
  return c.json(shape("connectStarted", { connection: result.connection, url: result.onboardingUrl }));
});

creatorBillingRoutes.get("/plan", (c) => {
  const creator = requireCreator(c);
  return c.json(
    shape("creatorPlan", {
      plan: creator.plan,
      allowance: creatorAllowance(creator.plan),
      plans: Object.values(CREATOR_PLANS),
    }),
  );
});

creatorBillingRoutes.post("/checkout", async (c) => {
  const creator = requireCreator(c);
  const { plan } = await jsonBody(c.req.raw, studioBodies.creatorCheckout);
  const result = await startCreatorCheckout(c.env, creator, plan, studioOrigin(c));
  if (!result.ok) throw toApiError(result);
  return c.json(shape("checkout", { url: result.url }));
});

/**
 * `GET|POST /api/billing/dev-checkout/:ticket`: the dev provider's labelled test-mode checkout
 * for a creator plan (no Stripe keys, never production). Pay signs the purchase's events and
 * hands them to the webhook handler, so the plan changes exactly as a real payment would change it.
 */
creatorBillingRoutes.get("/dev-checkout/:ticket", async (c) => {
  const creator = requireCreator(c);
  const found = await creatorTicket(c, creator);
  if (!found.ok) return found.page;
  return c.html(creatorCheckoutPage(found.ticket, creator.email), 200, { "Cache-Control": "no-store" });
});

creatorBillingRoutes.post("/dev-checkout/:ticket", async (c) => {
  const creator = requireCreator(c);
  const found = await creatorTicket(c, creator);
  if (!found.ok) return found.page;
  if (creator.plan === found.ticket.plan)
    return c.html(messagePage("Already paid", "You already have this plan."), 409);
  const purchase = creatorPurchase(found.ticket, creator.email, studioOrigin(c));
  if (!purchase) return c.html(messagePage("Not found", "There is no such plan to buy."), 404);
  const delivered = await deliverDevPurchase(c.env, purchase, Date.now());
  if (!delivered.ok) {
    const message = "The dev payment provider could not record the payment (is STRIPE_WEBHOOK_SECRET set?).";
    return c.html(messagePage("Payment not recorded", message), 503);
  }
  return c.redirect(purchase.successUrl, 303);
});

type TicketLookup = { ok: true; ticket: CreatorTicket } | { ok: false; page: Response };

async function creatorTicket(c: StudioContext, creator: { id: string }): Promise<TicketLookup> {
  const secret = c.env.STRIPE_WEBHOOK_SECRET;
  // Never a way to a plan for free where real money is expected.
  if (!devFeaturesEnabled(c.env) || c.env.STRIPE_SECRET_KEY || !secret) throw notFound("No such page.");
  const check = await readCreatorTicket(secret, c.req.param("ticket") ?? "", creator.id, Date.now());
  if (check.ok) return check;
  const page =
    check.reason === "expired"
      ? c.html(messagePage("Checkout expired", "Start the upgrade again from your account."), 410)
      : c.html(messagePage("Not found", "There is no such checkout for the signed-in creator."), 404);
  return { ok: false, page };
}
