import type Stripe from "stripe";

/**
 * What a verified Stripe event says about a subscription, in one shape for every event type the
 * platform handles. Reading the event is tolerant of API-version differences (invoice
 * `parent.subscription_details` vs the older top-level `subscription`), because Stripe delivers
 * events in the account's API version, not the SDK's.
 */

export const HANDLED_TYPES = [
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "invoice.paid",
  "invoice.payment_failed",
] as const;
export type HandledType = (typeof HANDLED_TYPES)[number];

export const isHandledType = (type: string): type is HandledType => (HANDLED_TYPES as readonly string[]).includes(type);

export interface SubscriptionFacts {
  subscriptionId: string | null;
  customerId: string | null;
  metadata: Record<string, string>;
  /**
   * Stripe's status, or null when the event does not tell it (the existing row keeps its own).
   * Invoices carry none: they are payment facts, and only subscription events set a status
   * (the state machine in lifecycle.ts reads the event type). A checkout says `active` when paid.
   */
  status: string | null;
  /** Seconds. For an invoice: the end of the period its first line pays for. */
  currentPeriodEnd: number | null;
}

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null;
const idOf = (v: unknown): string | null =>
  typeof v === "string" ? v : typeof asObj(v)?.["id"] === "string" ? (asObj(v)!["id"] as string) : null;

/** Own string entries only; fromEntries keeps a "__proto__" key a plain entry. */
function stringMap(v: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asObj(v) ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/** Newer API versions keep the period on the items; older ones on the subscription. */
function periodEnd(sub: Obj): number | null {
  const items = asObj(sub["items"])?.["data"];
  const first = Array.isArray(items) ? asObj(items[0]) : null;
  const fromItem = first?.["current_period_end"];
  if (typeof fromItem === "number") return fromItem;
  const top = sub["current_period_end"];
  return typeof top === "number" ? top : null;
}

function fromCheckoutSession(s: Obj): SubscriptionFacts {
  // A completed subscription checkout has a subscription; unpaid async methods are `incomplete`.
  const paid = s["payment_status"] === "paid" || s["payment_status"] === "no_payment_required";
  return {
    subscriptionId: idOf(s["subscription"]),
    customerId: idOf(s["customer"]),
    metadata: stringMap(s["metadata"]),
    status: paid ? "active" : "incomplete",
    currentPeriodEnd: null,
  };
}

/** A subscription object as Stripe shows it, in an event or from `subscriptions.retrieve` (a re-read). */
export function factsOfSubscription(sub: unknown): SubscriptionFacts | null {
  const object = asObj(sub);
  return object ? fromSubscription(object, "customer.subscription.updated") : null;
}

function fromSubscription(sub: Obj, type: string): SubscriptionFacts {
  return {
    subscriptionId: idOf(sub["id"]),
    customerId: idOf(sub["customer"]),
    metadata: stringMap(sub["metadata"]),
    status:
      type === "customer.subscription.deleted"
        ? "canceled"
        : typeof sub["status"] === "string"
          ? (sub["status"] as string)
          : null,
    currentPeriodEnd: periodEnd(sub),
  };
}

function fromInvoice(inv: Obj): SubscriptionFacts {
  const details = asObj(asObj(inv["parent"])?.["subscription_details"]) ?? asObj(inv["subscription_details"]);
  const lines = asObj(inv["lines"])?.["data"];
  const period = Array.isArray(lines) ? asObj(asObj(lines[0])?.["period"]) : null;
  return {
    subscriptionId: idOf(details?.["subscription"]) ?? idOf(inv["subscription"]),
    customerId: idOf(inv["customer"]),
    metadata: stringMap(details?.["metadata"]),
    status: null,
    currentPeriodEnd: typeof period?.["end"] === "number" ? (period["end"] as number) : null,
  };
}

export function factsOf(event: Stripe.Event): SubscriptionFacts | null {
  const object = asObj((event.data as { object?: unknown }).object);
  if (!object || !isHandledType(event.type)) return null;
  if (event.type === "checkout.session.completed") return fromCheckoutSession(object);
  if (event.type.startsWith("customer.subscription.")) return fromSubscription(object, event.type);
  return fromInvoice(object);
}

export const META = {
  appId: "sandlot_app_id",
  userId: "sandlot_user_id",
  plan: "sandlot_plan",
  creatorId: "sandlot_creator_id",
  creatorPlan: "sandlot_creator_plan",
  /** One-time purchases (purchases.ts): the product, and for a per-document product the document. */
  product: "sandlot_product",
  documentId: "sandlot_document_id",
} as const;
