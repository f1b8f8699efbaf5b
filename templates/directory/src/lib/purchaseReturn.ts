import { useEffect, useState } from "react";

export type PurchaseReturn = "none" | "success" | "cancel";

/** How the payment page sent the person back (`/?purchase=success&product=featured#/account`), read once. */
function readPurchaseReturn(): PurchaseReturn {
  if (typeof window === "undefined") return "none";
  const q = new URLSearchParams(window.location.search);
  const purchase = q.get("purchase");
  if (purchase === "cancel") return "cancel";
  if (purchase === "success" && q.get("product") === "featured") return "success";
  return "none";
}

/**
 * Coming back from the payment page proves nothing: a listing is featured once the server has
 * the payment provider's verified webhook, which may land a moment later. Until `confirmed`,
 * re-read (a few times), then drop the query so a reload does not repeat the note.
 */
export function usePurchaseReturn(confirmed: boolean, refresh: () => Promise<void>): PurchaseReturn {
  const [state] = useState(readPurchaseReturn);
  useEffect(() => {
    if (state !== "success" || confirmed) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > 10) clearInterval(timer);
      else void refresh();
    }, 1500);
    return () => clearInterval(timer);
  }, [state, confirmed, refresh]);
  useEffect(() => {
    if (state === "none" || (state === "success" && !confirmed)) return;
    try {
      window.history.replaceState(null, "", `${window.location.pathname}${window.location.hash}`);
    } catch {
      // Not worth failing the page over; the note only repeats on reload.
    }
  }, [state, confirmed]);
  return state;
}
