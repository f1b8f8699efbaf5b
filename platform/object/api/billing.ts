import { Hono } from "hono";
import { startCheckout, startPortal, type BillingCaller, type BillingUrl } from "../../billing/checkout";
import { toApiError } from "../../billing/failure";
import { jsonBody } from "../../http/body";
import { startPurchase } from "../purchases";
import { billingCheckoutBody, billingPurchaseBody } from "./contract";
import { requireUser, type AppApiEnv, type AppContext } from "./context";

/** `/_api/billing/*`: checkout, one-time purchases and portal for the session user, never for anyone a body names. */
export const billingRoutes = new Hono<AppApiEnv>();

function caller(c: AppContext): BillingCaller {
  const user = requireUser(c);
  const identity = c.get("identity");
  return {
    app: { id: identity.id, creatorId: identity.creatorId, origin: identity.origin },
    user: { id: user.id, email: user.email },
    manifest: c.get("manifest"),
  };
}

function answer(c: AppContext, result: BillingUrl): Response {
  if (!result.ok) throw toApiError(result);
  return c.json({ url: result.url }, 200);
}

billingRoutes.post("/checkout", async (c) => {
  const who = caller(c);
  const { plan } = await jsonBody(c.req.raw, billingCheckoutBody);
  return answer(c, await startCheckout({ env: c.env, store: c.get("store") }, who, plan, Date.now()));
});

billingRoutes.post("/portal", async (c) =>
  answer(c, await startPortal({ env: c.env, store: c.get("store") }, caller(c))),
);

billingRoutes.post("/purchase", async (c) => {
  const who = caller(c);
  const { product, documentId } = await jsonBody(c.req.raw, billingPurchaseBody);
  const deps = { env: c.env, store: c.get("store") };
  return answer(c, await startPurchase(deps, who, c.get("subject"), { product, documentId }, Date.now()));
});

/** What the session user bought and still holds: for the UI only, the server decides from the same rows. */
billingRoutes.get("/purchases", (c) => {
  requireUser(c);
  return c.json({ purchases: c.get("purchases") }, 200);
});
