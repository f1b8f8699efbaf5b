import type { AppOriginContext } from "./context";
import { appStub } from "../stubs";
import { isCrossSiteRequest } from "../../auth/csrf";
import { readBytes } from "../../http/body";
import { devFeaturesEnabled } from "../../environment";
import { notFound } from "../../errors";
import { checkoutPage, messagePage, portalPage } from "./dev-checkout-page";
import { deliverDevPurchase } from "../dev-payments";
import { purchaseOf, type DevCheckoutLookup } from "../../billing/dev-provider";

/**
 * `/_sandlot/dev-checkout/*` on an app origin, in the Worker. Exists only without Stripe keys
 * and never in production. "Pay" signs Stripe-shaped events with STRIPE_WEBHOOK_SECRET and hands
 * them to `handleStripeWebhook`, the function behind the studio's `/webhooks/stripe`, so the dev
 * flow goes through signature check, routing and exactly-once apply like a real payment.
 */

export const DEV_CHECKOUT_PREFIX = "/_sandlot/dev-checkout/";
const MAX_FORM_BYTES = 4096;

type Ctx = AppOriginContext;

const html = (c: Ctx, body: string, status: 200 | 400 | 403 | 404 | 500 = 200): Response =>
  c.html(body, status, { "Cache-Control": "no-store" });

function refusal(c: Ctx, lookup: Exclude<DevCheckoutLookup, { ok: true }>): Response {
  if (lookup.reason === "completed")
    return html(c, messagePage("Already paid", "This test checkout was already completed."), 404);
  if (lookup.reason === "expired")
    return html(c, messagePage("Checkout expired", "Start checkout again from the app."), 404);
  if (lookup.reason === "bad_token")
    return html(c, messagePage("Refused", "This form is not from this checkout page. Reload it and try again."), 403);
  return html(c, messagePage("Not found", "There is no such checkout for the signed-in user."), 404);
}

async function pay(c: Ctx, id: string): Promise<Response> {
  if (isCrossSiteRequest(c.req.raw))
    return html(c, messagePage("Refused", "Cross-site requests are not allowed."), 403);
  const form = new URLSearchParams(new TextDecoder().decode(await readBytes(c.req.raw, MAX_FORM_BYTES)));
  const record = c.get("app");
  const now = Date.now();
  const done = await appStub(c.env, record.id).devCheckoutComplete(
    id,
    c.req.header("cookie") ?? null,
    form.get("token") ?? "",
  );
  if (!done.ok) return refusal(c, done);
  const delivered = await deliverDevPurchase(c.env, purchaseOf(done.session), now);
  if (!delivered.ok && delivered.reason === "no_webhook_secret") {
    return html(
      c,
      messagePage(
        "Not configured",
        "Set STRIPE_WEBHOOK_SECRET in .dev.vars (see .dev.vars.example) so test payments can be signed.",
      ),
      500,
    );
  }
  if (!delivered.ok)
    return html(
      c,
      messagePage(
        "Payment not recorded",
        "The test payment event was not applied; the app's billing events in the studio say why.",
      ),
      500,
    );
  return c.redirect(done.session.successUrl, 303);
}

export async function devCheckoutRoute(c: Ctx): Promise<Response> {
  // Never a way to get a plan for free where real money is expected.
  if (!devFeaturesEnabled(c.env) || c.env.STRIPE_SECRET_KEY) throw notFound("No such page.");
  const id = c.req.path.slice(DEV_CHECKOUT_PREFIX.length);
  const stub = appStub(c.env, c.get("app").id);
  const cookie = c.req.header("cookie") ?? null;
  if (id === "portal" && c.req.method === "GET") {
    const subs = await stub.devPortalView(cookie);
    if (subs === null)
      return html(c, messagePage("Sign in first", "Sign in to the app to see your subscriptions."), 403);
    return html(c, portalPage(subs, `${new URL(c.req.url).protocol}//${new URL(c.req.url).host}`));
  }
  if (c.req.method === "POST") return pay(c, id);
  if (c.req.method !== "GET") throw notFound("No such page.");
  const lookup = await stub.devCheckoutView(id, cookie);
  return lookup.ok ? html(c, checkoutPage(lookup.session)) : refusal(c, lookup);
}
