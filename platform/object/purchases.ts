import { and, eq, isNull } from "drizzle-orm";
import type { DrizzleSqliteDODatabase } from "drizzle-orm/durable-sqlite";
import { documents, purchases } from "../db/do-schema";
import { devFeaturesEnabled } from "../environment";
import type { ProductSpec } from "../manifest/commerce";
import { evaluate, type Subject } from "../policy/evaluate";
import { ruleDocument } from "./documents";
import type { BillingCaller, BillingDeps, BillingUrl } from "../billing/checkout";
import { connectionOf } from "../billing/connect";
import { createDevCheckout } from "../billing/dev-provider";
import { META } from "../billing/facts";
import { billingFailure as fail, paymentsUnavailable, stripeUnreachable } from "../billing/failure";
import { stripeClient } from "../billing/stripe-client";

/**
 * One-time purchases (docs/billing.md#one-time-purchases): Stripe Checkout in `payment` mode for
 * the session user. As with plans, the URL proves nothing (T06): the entitlement is the row the
 * verified `checkout.session.completed` writes (purchases-apply.ts), and a refund ends it.
 */

export interface Purchases {
  /** Products bought once per user. */
  products: string[];
  /** Documents bought through a per-document product. */
  documents: string[];
}

/** Keeps one request's subject small; past this a user's oldest per-document purchases stop counting in rules. */
export const MAX_LOADED_PURCHASES = 1000;

/** The user's live (not refunded) purchases of products the manifest still sells. */
export function purchasesOf(
  db: DrizzleSqliteDODatabase,
  products: Readonly<Record<string, ProductSpec>>,
  userId: string,
): Purchases {
  const rows = db
    .select({ product: purchases.product, documentId: purchases.documentId })
    .from(purchases)
    .where(and(eq(purchases.userId, userId), isNull(purchases.refundedAt)))
    .limit(MAX_LOADED_PURCHASES)
    .all();
  const whole = new Set<string>();
  const docs = new Set<string>();
  for (const r of rows) {
    const spec = Object.hasOwn(products, r.product) ? products[r.product] : undefined;
    if (!spec) continue;
    if (spec.collection === undefined) whole.add(r.product);
    else if (r.documentId) docs.add(r.documentId);
  }
  return { products: [...whole].sort(), documents: [...docs] };
}

export interface PurchaseRequest {
  product: string;
  documentId?: string | undefined;
}

/** The document a per-document product is bought for: it must exist and the buyer must be able to read it. */
function checkDocument(
  deps: BillingDeps,
  caller: BillingCaller,
  subject: Subject,
  spec: ProductSpec & { collection: string },
  documentId: string | undefined,
): { ok: true } | ReturnType<typeof fail> {
  if (!documentId) return fail(400, "document_required", `This is bought for one document of ${spec.collection}.`);
  const row = deps.store.db
    .select()
    .from(documents)
    .where(and(eq(documents.collection, spec.collection), eq(documents.id, documentId)))
    .get();
  const collection = caller.manifest.collections[spec.collection];
  if (!row || !collection || !evaluate(collection.rules.read, subject, ruleDocument(row)).allow)
    return fail(404, "no_such_document", "No such document.");
  // An upgrade changes the document for everyone: only its owner buys it.
  if (spec.sets !== undefined && row.ownerId !== caller.user.id)
    return fail(403, "not_owner", "Only its owner can buy this for a document.");
  return { ok: true };
}

export async function startPurchase(
  deps: BillingDeps,
  caller: BillingCaller,
  subject: Subject,
  request: PurchaseRequest,
  now: number,
): Promise<BillingUrl> {
  const products = caller.manifest.products;
  const spec = Object.hasOwn(products, request.product) ? products[request.product] : undefined;
  if (!spec) return fail(400, "unknown_product", `This app sells no product "${request.product}".`);
  if (spec.collection === undefined && request.documentId !== undefined)
    return fail(400, "unknown_product", `${spec.name} is not bought for a document.`);
  const documentId = spec.collection === undefined ? null : (request.documentId ?? null);
  if (spec.collection !== undefined) {
    const checked = checkDocument(deps, caller, subject, { ...spec, collection: spec.collection }, request.documentId);
    if (!checked.ok) return checked;
  }
  const owned = purchasesOf(deps.store.db, products, caller.user.id);
  if (documentId === null ? owned.products.includes(request.product) : owned.documents.includes(documentId))
    return fail(409, "already_purchased", `You already bought ${spec.name}.`);
  const back = (query: string): string => `${caller.app.origin}/?${query}#/account`;
  const successUrl = back(`purchase=success&product=${encodeURIComponent(request.product)}`);
  const cancelUrl = back("purchase=cancel");
  const stripe = stripeClient(deps.env);
  if (!stripe) {
    if (!devFeaturesEnabled(deps.env)) return paymentsUnavailable();
    const dev = createDevCheckout(
      deps.store.kv,
      {
        appId: caller.app.id,
        userId: caller.user.id,
        email: caller.user.email,
        plan: { id: request.product, name: spec.name, price: { ...spec.price, interval: "month" }, grants: [] },
        successUrl,
        cancelUrl,
        origin: caller.app.origin,
        oneTime: { documentId },
      },
      now,
    );
    return { ok: true, url: dev.url };
  }
  const connection = await connectionOf(deps.env.DB, caller.app.creatorId);
  if (connection.state !== "connected" || !connection.accountId)
    return fail(
      409,
      "billing_not_connected",
      "This app cannot take payments yet: its creator has not finished connecting Stripe.",
    );
  const metadata: Record<string, string> = {
    [META.appId]: caller.app.id,
    [META.userId]: caller.user.id,
    [META.product]: request.product,
    ...(documentId ? { [META.documentId]: documentId } : {}),
  };
  const fee = platformFeeAmount(deps.env, spec.price.amount);
  try {
    const session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        customer_email: caller.user.email,
        client_reference_id: caller.user.id,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: spec.price.currency,
              unit_amount: spec.price.amount,
              product_data: { name: spec.name },
            },
          },
        ],
        success_url: `${successUrl.replace("#/account", "")}&session_id={CHECKOUT_SESSION_ID}#/account`,
        cancel_url: cancelUrl,
        metadata,
        // The charge a refund names is found by its payment intent, which carries the routing too.
        payment_intent_data: { metadata, ...(fee === null ? {} : { application_fee_amount: fee }) },
      },
      { stripeAccount: connection.accountId },
    );
    if (!session.url) return fail(502, "stripe_error", "Stripe did not return a checkout page.");
    return { ok: true, url: session.url };
  } catch (err) {
    console.error("purchase: stripe call failed", err instanceof Error ? err.message : err);
    return stripeUnreachable();
  }
}

/** The platform's fee on a one-time charge, in the smallest currency unit; absent or bad = none. */
function platformFeeAmount(env: BillingDeps["env"], amount: number): number | null {
  const n = Number(env.STRIPE_PLATFORM_FEE_PERCENT);
  if (!env.STRIPE_PLATFORM_FEE_PERCENT || !Number.isFinite(n) || n <= 0) return null;
  return Math.round((amount * Math.min(100, n)) / 100);
}
