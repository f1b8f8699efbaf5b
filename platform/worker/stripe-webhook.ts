import type Stripe from "stripe";
import type { Env } from "../env";
import { readBytes } from "../http/body";
import { appStub } from "./stubs";
import { getTemplate } from "../templates/registry";
import type { AppBillingEvent, ApplyOutcome } from "../billing/apply";
import { applyCreatorEvent, recordPlatformEvent } from "../billing/creator-billing";
import { factsOf, META, type SubscriptionFacts } from "../billing/facts";
import { routeEvent } from "../billing/route";
import { stripeClient } from "../billing/stripe-client";
import { MAX_WEBHOOK_BYTES, verifyWebhook } from "../billing/verify";

/**
 * The one webhook path: verify → route → apply exactly once. The studio's `/webhooks/stripe` and
 * the dev payment provider both call this function, so the dev flow proves the real one.
 */

export type WebhookResult =
  | { ok: false; reason: "invalid_signature" }
  | ({ ok: true; eventId: string; target: "app" | "creator" | "platform" } & ApplyOutcome);

export type WebhookEnv = Pick<
  Env,
  "DB" | "APP" | "ENVIRONMENT" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_SECRET_KEY" | "STRIPE_API_HOST" | "STRIPE_API_PORT" | "STRIPE_API_PROTOCOL"
>;

const hasRoutingMetadata = (m: Record<string, string>): boolean => Boolean(m[META.appId] ?? m[META.creatorId]);

/**
 * Events that only name the subscription (an invoice from before metadata snapshots, a checkout
 * session without metadata) get it from Stripe itself, on the account the event came from.
 */
async function withSubscriptionMetadata(env: WebhookEnv, event: Stripe.Event, facts: SubscriptionFacts): Promise<SubscriptionFacts> {
  if (hasRoutingMetadata(facts.metadata) || !facts.subscriptionId) return facts;
  const stripe = stripeClient(env);
  if (!stripe) return facts;
  try {
    const sub = await stripe.subscriptions.retrieve(facts.subscriptionId, {}, event.account ? { stripeAccount: event.account } : {});
    return { ...facts, metadata: { ...sub.metadata, ...facts.metadata } };
  } catch (err) {
    console.error("webhook: subscription lookup failed", event.id, err instanceof Error ? err.message : err);
    return facts;
  }
}

function objectMetadata(event: Stripe.Event): Record<string, string> {
  const meta = (event.data as { object?: { metadata?: unknown } }).object?.metadata;
  if (!meta || typeof meta !== "object") return {};
  return Object.fromEntries(Object.entries(meta).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function handleVerifiedEvent(env: WebhookEnv, event: Stripe.Event, now: number): Promise<WebhookResult> {
  let facts = factsOf(event);
  if (facts) facts = await withSubscriptionMetadata(env, event, facts);
  const route = await routeEvent(env, event, facts?.metadata ?? objectMetadata(event));
  if (route.kind === "ignore") return { ok: true, eventId: event.id, target: "platform", ...(await recordPlatformEvent(env.DB, event, route.reason, now)) };
  if (route.kind === "creator") return { ok: true, eventId: event.id, target: "creator", ...(await applyCreatorEvent(env.DB, event, facts, route, now)) };
  const template = getTemplate(env, route.app.templateId);
  const payload: AppBillingEvent = {
    id: event.id,
    type: event.type,
    created: event.created,
    facts,
    planIds: template?.manifest.plans.map((p) => p.id) ?? [],
  };
  const outcome = await appStub(env as Env, route.app.id).applyBillingEvent(payload);
  return { ok: true, eventId: event.id, target: "app", ...outcome };
}

/** Reads the raw body (capped), verifies it, and hands the event on. Nothing is parsed before the HMAC matches. */
export async function handleStripeWebhook(env: WebhookEnv, request: Request, now = Date.now()): Promise<WebhookResult> {
  const body = await readBytes(request, MAX_WEBHOOK_BYTES);
  const verified = await verifyWebhook(body, request.headers.get("stripe-signature"), env.STRIPE_WEBHOOK_SECRET);
  if (!verified.ok) {
    if (verified.reason === "no_secret") console.error("webhook: STRIPE_WEBHOOK_SECRET is not set; refusing every delivery");
    return { ok: false, reason: "invalid_signature" };
  }
  return handleVerifiedEvent(env, verified.event, now);
}
