import { useEffect, useState } from "react";
import { Link } from "@sandlot/kit";
import type { Access } from "../lib/access";
import { takeBuying } from "../lib/shop";

type Return = { kind: "none" } | { kind: "cancel" } | { kind: "success"; productId: string | null };

/** How a one-time checkout sent the person back (`/?purchase=success&product=…#/account`), read once. */
function readReturn(): Return {
  const q = new URLSearchParams(window.location.search);
  const state = q.get("purchase");
  if (state === "cancel") return { kind: "cancel" };
  if (state === "success") return { kind: "success", productId: takeBuying() };
  return { kind: "none" };
}

/**
 * After paying for a product (locked). Coming back proves nothing: the purchase exists once the
 * server has the payment provider's verified webhook, so re-read the purchases a few times until it
 * shows, then drop the query so a reload does not repeat the note.
 */
export function PurchaseNotice(props: { access: Access }) {
  const [ret] = useState(readReturn);
  const { access } = props;
  const arrived = ret.kind === "success" && (ret.productId ? access.bought.has(ret.productId) : access.bought.size > 0);
  const { refresh } = access;
  useEffect(() => {
    if (ret.kind !== "success" || arrived) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > 10) clearInterval(timer);
      else void refresh();
    }, 1500);
    return () => clearInterval(timer);
  }, [ret, arrived, refresh]);
  useEffect(() => {
    if (ret.kind === "none" || (ret.kind === "success" && !arrived)) return;
    window.history.replaceState(null, "", `${window.location.pathname}${window.location.hash}`);
  }, [ret, arrived]);

  if (ret.kind === "none") return null;
  if (ret.kind === "cancel")
    return (
      <p className="notice" role="status">
        Checkout was cancelled. Nothing was charged.
      </p>
    );
  if (!arrived)
    return (
      <p className="notice" role="status">
        Payment received. Confirming your purchase… this takes a few seconds.
      </p>
    );
  return (
    <p className="notice" role="status">
      Payment received. Your download is ready —{" "}
      {ret.productId ? <Link to={`/p/${ret.productId}`}>download it now</Link> : null}
      {ret.productId ? " or find it in " : "find it in "}
      <Link to="/purchases">My purchases</Link>.
    </p>
  );
}
