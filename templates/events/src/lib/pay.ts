import { buy } from "@sandlot/sdk";

/**
 * Paying for a ticket: Checkout for the per-document product `ticket` (template.json), which sets
 * the ticket's `paid` when the verified payment webhook arrives, never when the browser returns.
 * Checkout comes back to #/account; the ticket's id is remembered here so that page can wait for
 * the payment and then open the ticket.
 */
const KEY = "events.pendingTicket";

export async function payForTicket(ticketId: string): Promise<void> {
  try {
    sessionStorage.setItem(KEY, ticketId);
  } catch {
    // Storage can be off (private mode); the account page then links to My tickets instead.
  }
  await buy("ticket", { documentId: ticketId });
}

export function pendingTicket(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetPendingTicket(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to forget.
  }
}

/** What checkout added to the address (`?purchase=success&product=ticket`), if anything. */
export function purchaseReturn(): "success" | "cancel" | null {
  const value = new URLSearchParams(window.location.search).get("purchase");
  return value === "success" || value === "cancel" ? value : null;
}

/** Drops the checkout query once handled, so a reload does not claim a payment again. */
export function clearPurchaseReturn(): void {
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.hash}`);
}
