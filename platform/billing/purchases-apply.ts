import type Stripe from "stripe";
import type { ProductSpec } from "../manifest/commerce";
import type { ApplyOutcome, ApplyStore } from "./apply";
import { META } from "./facts";

/**
 * The webhook side of one-time purchases. A paid Checkout Session in `payment` mode writes one
 * purchase row; `charge.refunded` (fully refunded) marks it refunded. The duplicate check and
 * every write happen in ONE synchronous transaction with the event record, so N deliveries of
 * one event grant once (I5, T65), and the session id is the row's key, so two events for one
 * session (completed, then async_payment_succeeded) cannot grant twice either.
 */

export type PaymentFacts =
  | {
      kind: "paid";
      sessionId: string;
      paymentIntent: string | null;
      metadata: Record<string, string>;
      amount: number | null;
      currency: string | null;
    }
  | { kind: "unpaid"; metadata: Record<string, string> }
  | { kind: "refunded"; paymentIntent: string; metadata: Record<string, string>; fully: boolean };

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null;
const idOf = (v: unknown): string | null =>
  typeof v === "string" ? v : typeof asObj(v)?.["id"] === "string" ? (asObj(v)?.["id"] as string) : null;
const stringMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(asObj(v) ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));

/** Null for every event that is not about a one-time payment (subscriptions keep their own path). */
export function paymentFactsOf(event: Pick<Stripe.Event, "type" | "data">): PaymentFacts | null {
  const object = asObj((event.data as { object?: unknown }).object);
  if (!object) return null;
  if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") {
    if (object["mode"] !== "payment") return null;
    const metadata = stringMap(object["metadata"]);
    const sessionId = idOf(object["id"]);
    if (!sessionId || object["payment_status"] !== "paid") return { kind: "unpaid", metadata };
    return {
      kind: "paid",
      sessionId,
      paymentIntent: idOf(object["payment_intent"]),
      metadata,
      amount: typeof object["amount_total"] === "number" ? (object["amount_total"] as number) : null,
      currency: typeof object["currency"] === "string" ? (object["currency"] as string) : null,
    };
  }
  if (event.type === "charge.refunded") {
    const paymentIntent = idOf(object["payment_intent"]);
    if (!paymentIntent) return null;
    return {
      kind: "refunded",
      paymentIntent,
      metadata: stringMap(object["metadata"]),
      fully: object["refunded"] === true,
    };
  }
  return null;
}

export interface AppPaymentEvent {
  id: string;
  type: string;
  /** Stripe's `event.created`, in seconds. */
  created: number;
  facts: PaymentFacts;
  /** What the app's manifest sells today: a purchase of anything else grants nothing. */
  products: Record<string, ProductSpec>;
}

type Decision = { status: "applied" } | { status: "ignored"; reason: string };
const ignored = (reason: string): Decision => ({ status: "ignored", reason });

/** Sets (or clears) the boolean a per-document upgrade names, on the bought document (a featured listing). */
function setUpgrade(sql: SqlStorage, spec: ProductSpec, documentId: string | null, value: boolean): void {
  if (spec.sets === undefined || spec.collection === undefined || documentId === null) return;
  // The field name is a manifest identifier ([a-z][a-zA-Z0-9_]*), checked by the schema.
  if (!/^[a-z][a-zA-Z0-9_]{0,39}$/.test(spec.sets)) return;
  sql.exec(
    `UPDATE documents SET data = json_set(data, '$.${spec.sets}', json(?)), updated_at = max(updated_at, ?)
     WHERE id = ? AND collection = ?`,
    value ? "true" : "false",
    Date.now(),
    documentId,
    spec.collection,
  );
}

function applyPaid(sql: SqlStorage, event: AppPaymentEvent, facts: Extract<PaymentFacts, { kind: "paid" }>): Decision {
  const userId = facts.metadata[META.userId];
  const product = facts.metadata[META.product];
  if (!userId || !product) return ignored("no_product");
  const spec = Object.hasOwn(event.products, product) ? event.products[product] : undefined;
  if (!spec) return ignored("unknown_product");
  const documentId = facts.metadata[META.documentId] ?? null;
  if ((spec.collection === undefined) !== (documentId === null)) return ignored("document_mismatch");
  if (sql.exec("SELECT 1 FROM users WHERE id = ?", userId).toArray().length === 0) return ignored("unknown_user");
  if (sql.exec("SELECT 1 FROM purchases WHERE id = ?", facts.sessionId).toArray().length > 0)
    return ignored("already_recorded");
  const refund = facts.paymentIntent
    ? (sql
        .exec<{ refunded_at: number }>(
          "SELECT refunded_at FROM purchase_refunds WHERE payment_intent = ?",
          facts.paymentIntent,
        )
        .toArray()[0] ?? null)
    : null;
  sql.exec(
    `INSERT INTO purchases (id, user_id, product, document_id, payment_intent, amount, currency, event_id, created_at,
      refunded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    facts.sessionId,
    userId,
    product,
    documentId,
    facts.paymentIntent,
    facts.amount,
    facts.currency,
    event.id,
    event.created * 1000,
    refund?.refunded_at ?? null,
  );
  if (!refund) setUpgrade(sql, spec, documentId, true);
  return { status: "applied" };
}

function applyRefund(
  sql: SqlStorage,
  event: AppPaymentEvent,
  facts: Extract<PaymentFacts, { kind: "refunded" }>,
): Decision {
  // A partial refund is a goodwill gesture; the entitlement ends only when the whole charge is refunded.
  if (!facts.fully) return ignored("partial_refund");
  const at = event.created * 1000;
  const rows = sql
    .exec<{ id: string; product: string; document_id: string | null; refunded_at: number | null }>(
      "SELECT id, product, document_id, refunded_at FROM purchases WHERE payment_intent = ?",
      facts.paymentIntent,
    )
    .toArray();
  if (rows.length === 0) {
    // The refund overtook its purchase: remember it, so the purchase is recorded already refunded.
    sql.exec(
      "INSERT OR IGNORE INTO purchase_refunds (payment_intent, event_id, refunded_at) VALUES (?, ?, ?)",
      facts.paymentIntent,
      event.id,
      at,
    );
    return { status: "applied" };
  }
  for (const row of rows) {
    if (row.refunded_at !== null) continue;
    sql.exec("UPDATE purchases SET refunded_at = ? WHERE id = ?", at, row.id);
    const spec = Object.hasOwn(event.products, row.product) ? event.products[row.product] : undefined;
    if (spec) setUpgrade(sql, spec, row.document_id, false);
  }
  return { status: "applied" };
}

export function applyPaymentEvent(store: ApplyStore, event: AppPaymentEvent, now: number): ApplyOutcome {
  return store.transactionSync((): ApplyOutcome => {
    const sql = store.sql;
    if (sql.exec("SELECT 1 FROM webhook_events WHERE id = ?", event.id).toArray().length > 0)
      return { outcome: "duplicate" };
    const facts = event.facts;
    const decision =
      facts.kind === "paid"
        ? applyPaid(sql, event, facts)
        : facts.kind === "refunded"
          ? applyRefund(sql, event, facts)
          : ignored("unpaid");
    const reason = decision.status === "ignored" ? decision.reason : null;
    sql.exec(
      "INSERT INTO webhook_events (id, type, status, reason, event_created, received_at) VALUES (?, ?, ?, ?, ?, ?)",
      event.id,
      event.type,
      decision.status,
      reason,
      event.created * 1000,
      now,
    );
    return decision.status === "applied" ? { outcome: "applied" } : { outcome: "ignored", reason: decision.reason };
  });
}
