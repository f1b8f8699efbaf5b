import { ApiError } from "../errors";

/**
 * Every expected billing failure, as a value: a plan that does not exist, a creator not connected
 * to Stripe, Stripe not answering. Logic returns these; routes turn them into HTTP in one way.
 */
export interface BillingFailure {
  ok: false;
  status: 400 | 403 | 404 | 409 | 502 | 503;
  code:
    | "unknown_plan"
    | "unknown_product"
    | "document_required"
    | "no_such_document"
    | "not_owner"
    | "already_purchased"
    | "already_subscribed"
    | "billing_not_connected"
    | "no_billing_account"
    | "payments_unavailable"
    | "stripe_error";
  message: string;
}

export function billingFailure(
  status: BillingFailure["status"],
  code: BillingFailure["code"],
  message: string,
): BillingFailure {
  return { ok: false, status, code, message };
}

export const paymentsUnavailable = (): BillingFailure =>
  billingFailure(503, "payments_unavailable", "Payments are not configured on this server.");

export const stripeUnreachable = (): BillingFailure =>
  billingFailure(502, "stripe_error", "The payment provider did not respond. Try again in a minute.");

export function toApiError(failure: BillingFailure): ApiError {
  return new ApiError(failure.status, failure.code, failure.message);
}
