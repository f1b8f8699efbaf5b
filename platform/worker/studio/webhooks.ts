import { Hono } from "hono";
import { ApiError } from "../../errors";
import { handleStripeWebhook } from "../stripe-webhook";
import type { StudioEnv } from "./context";

/**
 * `POST /webhooks/stripe`: Stripe's deliveries, platform and Connect. Exempt from the cross-site
 * check (Stripe is not a browser); the signature is the authentication. 2xx tells Stripe to stop
 * retrying, so duplicates and events we deliberately ignore answer 200 too; 503 `retry_later` asks
 * for a redelivery when an ambiguous event could not be re-read from Stripe (docs/billing.md).
 */
export const webhookRoutes = new Hono<StudioEnv>();

webhookRoutes.post("/stripe", async (c) => {
  const result = await handleStripeWebhook(c.env, c.req.raw);
  if (!result.ok && result.reason === "retry") {
    // Nothing was recorded: Stripe redelivers on any non-2xx, and the next delivery is applied once.
    throw new ApiError(
      503,
      "retry_later",
      "The event could not be applied yet (Stripe did not answer a re-read); deliver it again.",
    );
  }
  if (!result.ok) throw new ApiError(400, "invalid_signature", "The webhook signature or timestamp is not valid.");
  return c.json(
    { received: true, outcome: result.outcome, ...(result.outcome === "ignored" ? { reason: result.reason } : {}) },
    200,
  );
});
