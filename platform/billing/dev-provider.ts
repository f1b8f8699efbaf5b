import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { PlanSpec } from "../manifest/schema";
import { META } from "./facts";

/**
 * The dev payment provider: used when there is no STRIPE_SECRET_KEY (never in production). It
 * keeps "checkout sessions" in the app's Durable Object, bound to the user who created them, and
 * on "Pay" produces the events Stripe would send. Those events are signed and delivered through
 * the real webhook handler (see dev-checkout-route.ts), so nothing here can grant anything.
 */

const SESSION_TTL_MS = 30 * 60 * 1000;
const KEY = (id: string): string => `billing:dev-checkout:${id}`;

export interface DevCheckoutSession {
  id: string;
  appId: string;
  userId: string;
  email: string;
  plan: { id: string; name: string; amount: number; currency: string; interval: "month" | "year" };
  /** A one-time purchase (`plan.id` is then the product id, `interval` unused), and the document it buys. */
  oneTime?: { documentId: string | null };
  /** Proves the Pay form came from the page this session's user was shown. */
  formToken: string;
  successUrl: string;
  cancelUrl: string;
  createdAt: number;
  expiresAt: number;
  completedAt: number | null;
}

const randomId = (bytes = 15): string => encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));

export function createDevCheckout(
  kv: SyncKvStorage,
  input: {
    appId: string;
    userId: string;
    email: string;
    plan: PlanSpec;
    successUrl: string;
    cancelUrl: string;
    origin: string;
    oneTime?: { documentId: string | null };
  },
  now: number,
): { url: string; session: DevCheckoutSession } {
  const { id: planId, name, price } = input.plan;
  const session: DevCheckoutSession = {
    id: newDevCheckoutId(),
    appId: input.appId,
    userId: input.userId,
    email: input.email,
    plan: { id: planId, name, amount: price.amount, currency: price.currency, interval: price.interval },
    ...(input.oneTime ? { oneTime: input.oneTime } : {}),
    formToken: randomId(20),
    successUrl: input.successUrl,
    cancelUrl: input.cancelUrl,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    completedAt: null,
  };
  kv.put(KEY(session.id), session);
  return { url: `${input.origin}/_sandlot/dev-checkout/${session.id}`, session };
}

export type DevCheckoutLookup =
  | { ok: true; session: DevCheckoutSession }
  | { ok: false; reason: "not_found" | "expired" | "completed" | "bad_token" };

/** Another user's session answers exactly like a missing one (T11). */
export function findDevCheckout(kv: SyncKvStorage, id: string, userId: string | null, now: number): DevCheckoutLookup {
  if (!/^cs_test_dev_[a-z2-7]{24}$/.test(id)) return { ok: false, reason: "not_found" };
  const session = kv.get<DevCheckoutSession>(KEY(id));
  if (!session || userId === null || session.userId !== userId) return { ok: false, reason: "not_found" };
  if (session.completedAt !== null) return { ok: false, reason: "completed" };
  if (session.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, session };
}

function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Single use: the session is marked completed before any event exists, so a double click pays once. */
export function completeDevCheckout(
  kv: SyncKvStorage,
  id: string,
  userId: string | null,
  formToken: string,
  now: number,
): DevCheckoutLookup {
  const found = findDevCheckout(kv, id, userId, now);
  if (!found.ok) return found;
  if (!sameToken(found.session.formToken, formToken)) return { ok: false, reason: "bad_token" };
  const done = { ...found.session, completedAt: now };
  kv.put(KEY(id), done);
  return { ok: true, session: done };
}

export interface StripeLikeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: Record<string, unknown> };
}

const DAY = 24 * 60 * 60;

function event(type: string, created: number, object: Record<string, unknown>): StripeLikeEvent {
  return {
    id: `evt_dev_${randomId()}`,
    object: "event",
    api_version: "2026-10-28.endive",
    created,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

export interface DevPurchase {
  checkoutSessionId: string;
  clientReferenceId: string;
  email: string;
  price: { amount: number; currency: string; interval: "month" | "year" };
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  /** Checkout in `payment` mode: one charge, no subscription. */
  oneTime?: boolean;
}

export function purchaseOf(session: DevCheckoutSession): DevPurchase {
  if (session.oneTime) {
    const documentId = session.oneTime.documentId;
    return {
      checkoutSessionId: session.id,
      clientReferenceId: session.userId,
      email: session.email,
      price: { amount: session.plan.amount, currency: session.plan.currency, interval: session.plan.interval },
      metadata: {
        [META.appId]: session.appId,
        [META.userId]: session.userId,
        [META.product]: session.plan.id,
        ...(documentId ? { [META.documentId]: documentId } : {}),
      },
      successUrl: session.successUrl,
      cancelUrl: session.cancelUrl,
      oneTime: true,
    };
  }
  return {
    checkoutSessionId: session.id,
    clientReferenceId: session.userId,
    email: session.email,
    price: { amount: session.plan.amount, currency: session.plan.currency, interval: session.plan.interval },
    metadata: { [META.appId]: session.appId, [META.userId]: session.userId, [META.plan]: session.plan.id },
    successUrl: session.successUrl,
    cancelUrl: session.cancelUrl,
  };
}

/** What Stripe sends when a checkout in `payment` mode is paid: one event, the session with its payment intent. */
function devPaymentEvents(purchase: DevPurchase, created: number): StripeLikeEvent[] {
  return [
    event("checkout.session.completed", created, {
      id: purchase.checkoutSessionId,
      object: "checkout.session",
      mode: "payment",
      status: "complete",
      payment_status: "paid",
      client_reference_id: purchase.clientReferenceId,
      customer: null,
      customer_email: purchase.email,
      payment_intent: `pi_dev_${randomId(12)}`,
      subscription: null,
      amount_total: purchase.price.amount,
      currency: purchase.price.currency,
      success_url: purchase.successUrl,
      cancel_url: purchase.cancelUrl,
      metadata: purchase.metadata,
      livemode: false,
    }),
  ];
}

/** What Stripe sends when a subscription checkout is paid, in Stripe's shapes. */
export function devCheckoutEvents(purchase: DevPurchase, now: number): StripeLikeEvent[] {
  const created = Math.floor(now / 1000);
  if (purchase.oneTime) return devPaymentEvents(purchase, created);
  const periodEnd = created + (purchase.price.interval === "year" ? 365 : 30) * DAY;
  const metadata = purchase.metadata;
  const customer = `cus_dev_${randomId(10)}`;
  const subscriptionId = `sub_dev_${randomId(12)}`;
  const price = {
    id: `price_dev_${randomId(6)}`,
    object: "price",
    currency: purchase.price.currency,
    unit_amount: purchase.price.amount,
    recurring: { interval: purchase.price.interval, interval_count: 1 },
  };
  const subscription = {
    id: subscriptionId,
    object: "subscription",
    customer,
    status: "active",
    created,
    livemode: false,
    metadata,
    items: {
      object: "list",
      data: [
        {
          id: `si_dev_${randomId(10)}`,
          object: "subscription_item",
          price,
          quantity: 1,
          current_period_start: created,
          current_period_end: periodEnd,
        },
      ],
    },
  };
  const checkoutSession = {
    id: purchase.checkoutSessionId,
    object: "checkout.session",
    mode: "subscription",
    status: "complete",
    payment_status: "paid",
    client_reference_id: purchase.clientReferenceId,
    customer,
    customer_email: purchase.email,
    subscription: subscriptionId,
    amount_total: purchase.price.amount,
    currency: purchase.price.currency,
    success_url: purchase.successUrl,
    cancel_url: purchase.cancelUrl,
    metadata,
    livemode: false,
  };
  return [
    event("checkout.session.completed", created, checkoutSession),
    event("customer.subscription.created", created, subscription),
  ];
}

export const newDevCheckoutId = (): string => `cs_test_dev_${randomId()}`;
