import type Stripe from "stripe";
import type { Env } from "../env";
import { readBytes } from "../http/body";
import { appStub } from "./stubs";
import { findTemplate } from "../templates/pushed";
import type { AppBillingEvent, ApplyOutcome } from "../billing/apply";
import { applyCreatorEvent, recordPlatformEvent } from "../billing/creator-billing";
import { factsOf, factsOfSubscription, META, type SubscriptionFacts } from "../billing/facts";
import { routeEvent } from "../billing/route";
import { stripeClient } from "../billing/stripe-client";
import { MAX_WEBHOOK_BYTES, verifyWebhook } from "../billing/verify";
import { type PaymentFacts, paymentFactsOf } from "../billing/purchases-apply";

/**
 * The one webhook path: verify → route → apply exactly once. The studio's `/webhooks/stripe` and
 * the dev payment provider both call this function, so the dev flow proves the real one.
 */

/** What a delivery came to. `retry`: nothing was recorded, and Stripe is asked (non-2xx) to deliver again. */
export type WebhookResult =
  | { ok: false; reason: "invalid_signature" }
  | { ok: false; reason: "retry"; eventId: string }
  | ({ ok: true; eventId: string; target: "app" | "creator" | "platform" } & SettledOutcome);

type SettledOutcome = Extract<ApplyOutcome, { outcome: "applied" | "ignored" | "duplicate" }>;

export type WebhookEnv = Pick<
  Env,
  | "DB"
  | "APP"
  | "BUCKET"
  | "ENVIRONMENT"
  | "STRIPE_WEBHOOK_SECRET"
  | "STRIPE_SECRET_KEY"
  | "STRIPE_API_HOST"
  | "STRIPE_API_PORT"
  | "STRIPE_API_PROTOCOL"
>;

const hasRoutingMetadata = (m: Record<string, string>): boolean => Boolean(m[META.appId] ?? m[META.creatorId]);

type Retrieval =
  | { kind: "found"; facts: SubscriptionFacts; readAt: number }
  | { kind: "missing" }
  | { kind: "unavailable" };

/** The subscription as Stripe shows it now, on the account the event came from (the SDK call both re-reads use). */
async function retrieveSubscription(env: WebhookEnv, event: Stripe.Event, subscriptionId: string): Promise<Retrieval> {
  const stripe = stripeClient(env);
  if (!stripe) return { kind: "unavailable" };
  try {
    const sub = await stripe.subscriptions.retrieve(
      subscriptionId,
      {},
      event.account ? { stripeAccount: event.account } : {},
    );
    const facts = factsOfSubscription(sub);
    return facts ? { kind: "found", facts, readAt: Date.now() } : { kind: "missing" };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return { kind: "missing" };
    console.error("webhook: subscription lookup failed", event.id, err instanceof Error ? err.message : err);
    return { kind: "unavailable" };
  }
}

/**
 * Events that only name the subscription (an invoice from before metadata snapshots, a checkout
 * session without metadata) get it from Stripe itself; the read is kept for a re-read below.
 */
async function withSubscriptionMetadata(
  env: WebhookEnv,
  event: Stripe.Event,
  facts: SubscriptionFacts,
): Promise<{ facts: SubscriptionFacts; retrieved?: Retrieval }> {
  if (hasRoutingMetadata(facts.metadata) || !facts.subscriptionId || !stripeClient(env)) return { facts };
  const retrieved = await retrieveSubscription(env, event, facts.subscriptionId);
  if (retrieved.kind !== "found") return { facts, retrieved };
  return { facts: { ...facts, metadata: { ...retrieved.facts.metadata, ...facts.metadata } }, retrieved };
}

function objectMetadata(event: Stripe.Event): Record<string, string> {
  const meta = (event.data as { object?: { metadata?: unknown } }).object?.metadata;
  if (!meta || typeof meta !== "object") return {};
  return Object.fromEntries(Object.entries(meta).filter((e): e is [string, string] => typeof e[1] === "string"));
}

type Reread = { facts: SubscriptionFacts; readAt: number } | { missing: true };

/**
 * Applies once; when the state machine cannot decide from the event (lifecycle.ts `reread`), asks
 * Stripe for the subscription and applies that instead. Stripe unreachable: nothing is recorded and
 * the delivery answers non-2xx, so Stripe delivers it again later.
 */
async function settle(
  env: WebhookEnv,
  event: Stripe.Event,
  facts: SubscriptionFacts | null,
  retrieved: Retrieval | undefined,
  apply: (reread?: Reread) => Promise<ApplyOutcome>,
): Promise<SettledOutcome | { outcome: "retry" }> {
  const first = await apply();
  if (first.outcome !== "reread") return first;
  const read =
    retrieved ??
    (facts?.subscriptionId
      ? await retrieveSubscription(env, event, facts.subscriptionId)
      : { kind: "missing" as const });
  if (read.kind === "unavailable") return { outcome: "retry" };
  const again = await apply(read.kind === "found" ? { facts: read.facts, readAt: read.readAt } : { missing: true });
  return again.outcome === "reread" || again.outcome === "retry" ? { outcome: "retry" } : again;
}

/** A refund's charge may not carry our metadata; its payment intent does (purchases.ts sets it). */
async function withPaymentMetadata(env: WebhookEnv, event: Stripe.Event, facts: PaymentFacts): Promise<PaymentFacts> {
  if (facts.kind !== "refunded" || hasRoutingMetadata(facts.metadata)) return facts;
  const stripe = stripeClient(env);
  if (!stripe) return facts;
  try {
    const intent = await stripe.paymentIntents.retrieve(
      facts.paymentIntent,
      {},
      event.account ? { stripeAccount: event.account } : {},
    );
    return { ...facts, metadata: { ...(intent.metadata ?? {}), ...facts.metadata } };
  } catch (err) {
    console.error("webhook: payment intent lookup failed", event.id, err instanceof Error ? err.message : err);
    return facts;
  }
}

/** One-time purchases and their refunds (billing/purchases-apply.ts): routed like every event, applied in the app. */
async function handlePaymentEvent(
  env: WebhookEnv,
  event: Stripe.Event,
  given: PaymentFacts,
  now: number,
): Promise<WebhookResult> {
  const facts = await withPaymentMetadata(env, event, given);
  const route = await routeEvent(env, event, facts.metadata);
  if (route.kind !== "app")
    return {
      ok: true,
      eventId: event.id,
      target: "platform",
      ...(await recordPlatformEvent(env.DB, event, route.kind === "ignore" ? route.reason : "not_an_app", now)),
    };
  const template = await findTemplate(env, route.app.templateId);
  const outcome = await appStub(env as Env, route.app.id).applyPaymentEvent({
    id: event.id,
    type: event.type,
    created: event.created,
    facts,
    products: template?.manifest.products ?? {},
  });
  if (outcome.outcome === "retry" || outcome.outcome === "reread")
    return { ok: false, reason: "retry", eventId: event.id };
  return { ok: true, eventId: event.id, target: "app", ...outcome };
}

export async function handleVerifiedEvent(env: WebhookEnv, event: Stripe.Event, now: number): Promise<WebhookResult> {
  const payment = paymentFactsOf(event);
  if (payment) return handlePaymentEvent(env, event, payment, now);
  let facts = factsOf(event);
  let retrieved: Retrieval | undefined;
  if (facts) ({ facts, retrieved } = await withSubscriptionMetadata(env, event, facts));
  const route = await routeEvent(env, event, facts?.metadata ?? objectMetadata(event));
  if (route.kind === "ignore")
    return {
      ok: true,
      eventId: event.id,
      target: "platform",
      ...(await recordPlatformEvent(env.DB, event, route.reason, now)),
    };
  const canReread = stripeClient(env) !== null;
  let target: "app" | "creator";
  let outcome: SettledOutcome | { outcome: "retry" };
  if (route.kind === "creator") {
    target = "creator";
    outcome = await settle(env, event, facts, retrieved, (reread) =>
      applyCreatorEvent(env.DB, { event, facts, target: route, canReread, ...(reread ? { reread } : {}) }, now),
    );
  } else {
    target = "app";
    const template = await findTemplate(env, route.app.templateId);
    const payload: AppBillingEvent = {
      id: event.id,
      type: event.type,
      created: event.created,
      facts,
      planIds: template?.manifest.plans.map((p) => p.id) ?? [],
      canReread,
    };
    const stub = appStub(env as Env, route.app.id);
    outcome = await settle(env, event, facts, retrieved, (reread) =>
      stub.applyBillingEvent(reread ? { ...payload, reread } : payload),
    );
  }
  if (outcome.outcome === "retry") return { ok: false, reason: "retry", eventId: event.id };
  return { ok: true, eventId: event.id, target, ...outcome };
}

/** Reads the raw body (capped), verifies it, and hands the event on. Nothing is parsed before the HMAC matches. */
export async function handleStripeWebhook(env: WebhookEnv, request: Request, now = Date.now()): Promise<WebhookResult> {
  const body = await readBytes(request, MAX_WEBHOOK_BYTES);
  const verified = await verifyWebhook(body, request.headers.get("stripe-signature"), env.STRIPE_WEBHOOK_SECRET);
  if (!verified.ok) {
    if (verified.reason === "no_secret")
      console.error("webhook: STRIPE_WEBHOOK_SECRET is not set; refusing every delivery");
    return { ok: false, reason: "invalid_signature" };
  }
  return handleVerifiedEvent(env, verified.event, now);
}
