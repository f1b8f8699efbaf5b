import type { Env } from "../env";
import { devCheckoutEvents, type DevPurchase } from "../billing/dev-provider";
import { signPayload } from "../billing/verify";
import { handleStripeWebhook, type WebhookResult } from "./stripe-webhook";

export type DevDelivery =
  | { ok: true }
  | { ok: false; reason: "no_webhook_secret" | "not_applied"; result?: WebhookResult };

/**
 * Signs the events of a dev purchase with STRIPE_WEBHOOK_SECRET and delivers them to
 * `handleStripeWebhook`, the same function behind the studio's `/webhooks/stripe`: the dev flow
 * passes the signature check, routing and exactly-once apply like a real payment would.
 */
export async function deliverDevPurchase(env: Env, purchase: DevPurchase, now: number): Promise<DevDelivery> {
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (!secret) return { ok: false, reason: "no_webhook_secret" };
  for (const event of devCheckoutEvents(purchase, now)) {
    const payload = JSON.stringify(event);
    const delivery = new Request(`http://${env.STUDIO_HOST}/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": await signPayload(payload, secret) },
      body: payload,
    });
    const result = await handleStripeWebhook(env, delivery, now);
    if (!result.ok || result.outcome === "ignored") {
      console.error("dev payment: webhook did not apply", event.type, result);
      return { ok: false, reason: "not_applied", result };
    }
  }
  return { ok: true };
}
