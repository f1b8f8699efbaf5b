import { Hono } from "hono";
import { billingCheckoutBody } from "./contract";
import { requireUser, type AppApiEnv, type AppContext } from "./context";
import { ApiError } from "../../errors";
import { jsonBody } from "../../http/body";
import type { BillingCaller, BillingUrl } from "../../billing/checkout";

/** `/_api/billing/*` inside the app's Durable Object: checkout and portal for the session user. */
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
  if (!result.ok) throw new ApiError(result.status, result.code, result.message);
  return c.json({ url: result.url }, 200);
}

billingRoutes.post("/checkout", async (c) => {
  const who = caller(c);
  const { plan } = await jsonBody(c.req.raw, billingCheckoutBody);
  return answer(c, await c.get("object").billingCheckout(who, plan));
});

billingRoutes.post("/portal", async (c) => answer(c, await c.get("object").billingPortal(caller(c))));
