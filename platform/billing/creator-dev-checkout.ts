import { decodeBase64url, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { purchasableCreatorPlan } from "./creator-plans";
import { newDevCheckoutId, type DevPurchase } from "./dev-provider";
import { META } from "./facts";

/**
 * The dev provider's checkout for a creator's platform plan (no Stripe keys, never production).
 * Like an app user's test checkout, the creator sees a labelled test-mode page and presses Pay;
 * only then is the purchase signed and delivered through the webhook path. The pending checkout
 * is a signed, expiring ticket in the page's URL (HMAC-SHA256 with the webhook secret), so the
 * studio keeps no state for it; Pay re-checks the ticket, the signed-in creator and the plan.
 */

const TTL_MS = 30 * 60 * 1000;

export interface CreatorTicket {
  creatorId: string;
  plan: string;
  checkoutSessionId: string;
  expiresAt: number;
}

async function hmac(secret: string, data: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(`creator-dev-checkout:${secret}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
}

export async function issueCreatorTicket(
  secret: string,
  creatorId: string,
  plan: string,
  now: number,
): Promise<string> {
  const ticket: CreatorTicket = { creatorId, plan, checkoutSessionId: newDevCheckoutId(), expiresAt: now + TTL_MS };
  const body = encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(ticket)));
  return `${body}.${encodeBase64urlNoPadding(await hmac(secret, body))}`;
}

export type TicketCheck =
  | { ok: true; ticket: CreatorTicket }
  | { ok: false; reason: "invalid" | "expired" | "not_yours" };

/** The ticket, if this server signed it, it has not expired, and it belongs to `creatorId`. */
export async function readCreatorTicket(
  secret: string,
  raw: string,
  creatorId: string,
  now: number,
): Promise<TicketCheck> {
  const [body, sig, extra] = raw.split(".");
  if (!body || !sig || extra !== undefined || raw.length > 1000) return { ok: false, reason: "invalid" };
  const expected = encodeBase64urlNoPadding(await hmac(secret, body));
  // Both are our own base64url encodings of 32 bytes; compare without early exit.
  if (expected.length !== sig.length) return { ok: false, reason: "invalid" };
  let diff = 0;
  for (let i = 0; i < sig.length; i++) diff |= expected.charCodeAt(i) ^ sig.charCodeAt(i);
  if (diff !== 0) return { ok: false, reason: "invalid" };
  let ticket: CreatorTicket;
  try {
    ticket = JSON.parse(new TextDecoder().decode(decodeBase64url(body))) as CreatorTicket;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (ticket.expiresAt <= now) return { ok: false, reason: "expired" };
  if (ticket.creatorId !== creatorId) return { ok: false, reason: "not_yours" };
  return { ok: true, ticket };
}

/** The purchase the signed events describe, once the creator pressed Pay. */
export function creatorPurchase(ticket: CreatorTicket, email: string, studioOrigin: string): DevPurchase | null {
  const plan = purchasableCreatorPlan(ticket.plan);
  if (!plan?.price) return null;
  return {
    checkoutSessionId: ticket.checkoutSessionId,
    clientReferenceId: ticket.creatorId,
    email,
    price: plan.price,
    metadata: { [META.creatorId]: ticket.creatorId, [META.creatorPlan]: plan.id },
    successUrl: `${studioOrigin}/billing?checkout=success&plan=${encodeURIComponent(plan.id)}`,
    cancelUrl: `${studioOrigin}/billing?checkout=cancel`,
  };
}
