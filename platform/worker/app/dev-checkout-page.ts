import { purchasableCreatorPlan } from "../../billing/creator-plans";
import type { DevCheckoutSession } from "../../billing/dev-provider";

/**
 * The dev provider's pages. Plain HTML with a form: app origins allow no inline script, and a
 * form POST needs none. Everything interpolated is escaped.
 */

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
.banner{background:#fff3cd;border:2px solid #b58900;padding:.75rem 1rem;font-weight:700;border-radius:.5rem}
.card{border:1px solid #ddd;border-radius:.5rem;padding:1rem;margin:1rem 0}
button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#222;color:#fff;cursor:pointer}
a{color:#444}
</style></head><body>
<p class="banner" role="alert">TEST MODE — no real payment.
This page stands in for Stripe Checkout because this server has no Stripe keys.</p>
${body}
</body></html>`;
}

export function checkoutPage(session: DevCheckoutSession): string {
  const { plan } = session;
  const once = session.oneTime !== undefined;
  const cadence = once ? "once" : `per ${escapeHtml(plan.interval)}`;
  return layout(
    `Test checkout: ${plan.name}`,
    `<h1>${once ? "Buy" : "Subscribe to"} ${escapeHtml(plan.name)}</h1>
<div class="card">
<p><strong>${escapeHtml(money(plan.amount, plan.currency))}</strong> ${cadence}</p>
<p>Account: ${escapeHtml(session.email)}</p></div>
<form method="post" action="/_sandlot/dev-checkout/${escapeHtml(session.id)}">
<input type="hidden" name="token" value="${escapeHtml(session.formToken)}">
<button type="submit">Pay (test mode)</button>
</form>
<p><a href="${escapeHtml(session.cancelUrl)}">Cancel and go back</a></p>`,
  );
}

/** A creator's platform plan, on the studio origin (worker/studio/creator-billing.ts). */
export function creatorCheckoutPage(ticket: { plan: string }, email: string): string {
  const plan = purchasableCreatorPlan(ticket.plan);
  const price = plan?.price;
  const cost = price
    ? `<p><strong>${escapeHtml(money(price.amount, price.currency))}</strong> per ${escapeHtml(price.interval)}</p>`
    : "";
  return layout(
    `Test checkout: Sandlot ${plan?.name ?? ticket.plan}`,
    `<h1>Upgrade to Sandlot ${escapeHtml(plan?.name ?? ticket.plan)}</h1>
<div class="card">
${cost}
<p>Account: ${escapeHtml(email)}</p></div>
<form method="post">
<button type="submit">Pay (test mode)</button>
</form>
<p><a href="/billing?checkout=cancel">Cancel and go back</a></p>`,
  );
}

export function portalPage(
  subscriptions: Array<{ plan: string; status: string; currentPeriodEnd: number | null }>,
  origin: string,
): string {
  const until = (end: number | null): string =>
    end ? `, until ${escapeHtml(new Date(end).toISOString().slice(0, 10))}` : "";
  const rows = subscriptions
    .map((s) => `<li>${escapeHtml(s.plan)}: ${escapeHtml(s.status)}${until(s.currentPeriodEnd)}</li>`)
    .join("");
  return layout(
    "Test billing portal",
    `<h1>Your subscriptions</h1><div class="card">${rows ? `<ul>${rows}</ul>` : "<p>None.</p>"}</div>
<p>The dev provider does not simulate card changes or cancellation;
with Stripe keys this is Stripe's billing portal.</p>
<p><a href="${escapeHtml(origin)}/">Back to the app</a></p>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}
