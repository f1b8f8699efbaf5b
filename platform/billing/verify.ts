import type Stripe from "stripe";
import { Stripe as StripeSdk, cryptoProvider } from "./stripe-client";

/** Stripe's own default; a delivery older than this is a replay (T35). */
export const TOLERANCE_SECONDS = 300;
/** Real events are a few kilobytes; anything far larger is not from Stripe. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export type Verified =
  | { ok: true; event: Stripe.Event }
  | { ok: false; reason: "no_secret" | "no_signature" | "invalid_signature" };

/**
 * Checks the signature and timestamp over the exact bytes received (T34, T35). Parsing happens
 * only after the HMAC matches, so nothing an attacker sends is read before it is proven to come
 * from Stripe.
 */
export async function verifyWebhook(
  body: Uint8Array,
  signature: string | null,
  secret: string | undefined,
): Promise<Verified> {
  if (!secret) return { ok: false, reason: "no_secret" };
  if (!signature) return { ok: false, reason: "no_signature" };
  try {
    const event = await StripeSdk.webhooks.constructEventAsync(
      body,
      signature,
      secret,
      TOLERANCE_SECONDS,
      cryptoProvider,
    );
    return { ok: true, event };
  } catch {
    return { ok: false, reason: "invalid_signature" };
  }
}

/** Signs a payload the way Stripe does, for the dev provider and tests. */
export async function signPayload(payload: string, secret: string, timestamp?: number): Promise<string> {
  return StripeSdk.webhooks.generateTestHeaderStringAsync({
    payload,
    secret,
    cryptoProvider,
    ...(timestamp === undefined ? {} : { timestamp }),
  });
}
