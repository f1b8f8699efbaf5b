import { Hono } from "hono";
import { ApiError } from "../../errors";
import { handleStripeWebhook } from "../stripe-webhook";
import type { StudioEnv } from "./context";

/**
 * `POST /webhooks/stripe`: Stripe's deliveries, platform and Connect. Exempt from the cross-site
 * check (Stripe is not a browser); the signature is the authentication. 2xx tells Stripe to stop
 * retrying, so duplicates and events we deliberately ignore answer 200 too.
 */
export const webhookRoutes = new Hono<StudioEnv>();

webhookRoutes.post("/stripe", async (c) => {
  const result = await handleStripeWebhook(c.env, c.req.raw);
  if (!result.ok) throw new ApiError(400, "invalid_signature", "The webhook signature or timestamp is not valid.");
  return c.json({ received: true, outcome: result.outcome, ...(result.outcome === "ignored" ? { reason: result.reason } : {}) }, 200);
});
