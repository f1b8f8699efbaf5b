import Stripe from "stripe";
import type { Env } from "../env";

/**
 * The one place a Stripe SDK client is made. Without a secret key there is no client and the dev
 * payment provider is used instead. Host, port and protocol come from env so tests drive the real
 * SDK against the local Stripe-speaking server (test/stripe-server).
 */
export type StripeEnv = Pick<Env, "STRIPE_SECRET_KEY" | "STRIPE_API_HOST" | "STRIPE_API_PORT" | "STRIPE_API_PROTOCOL">;

export function stripeClient(env: StripeEnv): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null;
  return new Stripe(env.STRIPE_SECRET_KEY, {
    // Node's http module does not exist in workerd; fetch does.
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 1,
    timeout: 20_000,
    telemetry: false,
    ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
    ...(env.STRIPE_API_PORT ? { port: env.STRIPE_API_PORT } : {}),
    ...(env.STRIPE_API_PROTOCOL ? { protocol: env.STRIPE_API_PROTOCOL } : {}),
  });
}

/** SubtleCrypto is the only HMAC in workerd; the SDK's default (node:crypto, sync) throws there. */
export const cryptoProvider = Stripe.createSubtleCryptoProvider();

export { Stripe };
