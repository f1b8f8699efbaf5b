import { Hono } from "hono";
import { z } from "zod";
import { connectCreator, refreshConnection } from "../../billing/connect";
import { startCreatorCheckout } from "../../billing/creator-checkout";
import { CREATOR_PLANS, creatorAllowance } from "../../billing/creator-plans";
import { toApiError } from "../../billing/failure";
import { isProduction } from "../../environment";
import { ApiError } from "../../errors";
import { jsonBody } from "../../http/body";
import { deliverDevPurchase } from "../dev-payments";
import { requireCreator, type StudioContext, type StudioEnv } from "./context";
import { shape } from "./contract";

/** `/api/billing/*`: the creator's own Stripe connection and platform plan. */
export const creatorBillingRoutes = new Hono<StudioEnv>();

const studioOrigin = (c: StudioContext): string =>
  `${isProduction(c.env) ? "https:" : new URL(c.req.url).protocol}//${c.env.STUDIO_HOST}`;

creatorBillingRoutes.get("/connect", async (c) => {
  const creator = requireCreator(c);
  const connection = await refreshConnection(c.env, creator.id, Date.now());
  return c.json(shape("connection", { connection }));
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

const checkoutSchema = z.object({ plan: z.string().min(1).max(64) }).strict();

creatorBillingRoutes.post("/checkout", async (c) => {
  const creator = requireCreator(c);
  const { plan } = await jsonBody(c.req.raw, checkoutSchema);
  const result = await startCreatorCheckout(c.env, creator, plan, studioOrigin(c));
  if (!result.ok) throw toApiError(result);
  if ("devPurchase" in result) {
    // Dev: the creator's own authenticated, same-site POST is the "payment"; the plan still
    // arrives only through the signed webhook path.
    const delivered = await deliverDevPurchase(c.env, result.devPurchase, Date.now());
    if (!delivered.ok) {
      const message = "The dev payment provider could not record the payment (is STRIPE_WEBHOOK_SECRET set?).";
      throw new ApiError(503, "payments_unavailable", message);
    }
  }
  return c.json(shape("checkout", { url: result.url }));
});
