import { Hono } from "hono";
import { wasDeleted } from "../../apps/deletion";
import { findAppBySlug } from "../../apps/queries";
import { handleError, handleNotFound, notFound } from "../../errors";
import { bufferedRequest } from "../../http/body";
import { identityFor, withIdentity } from "../../object/identity";
import { forwardLimit, isUpload } from "../../object/limits";
import { targetOf } from "../host";
import { bodyLimit, refuseCrossSite, requestId } from "../middleware";
import { limitAtEdge } from "../rate-limit";
import { appStub } from "../stubs";
import { VENDOR_URL_PREFIX, vendorResponse } from "../vendor";
import type { AppOriginContext, AppRouterEnv } from "./context";
import { DEV_CHECKOUT_PREFIX, devCheckoutRoute } from "./dev-checkout";
import { APP_SECURITY_HEADERS } from "./headers";
import { deletedAppPage, missingFilePage, servePublished, unknownAppPage } from "./static";

export type { AppRouterEnv } from "./context";

/** `/_api/*`: forwarded, body capped, to the app's own Durable Object (platform/object/api/router.ts). */
async function toAppObject(c: AppOriginContext): Promise<Response> {
  const record = c.get("app");
  const identity = identityFor(c.env, record, { ip: c.req.header("cf-connecting-ip") });
  const body = await bufferedRequest(c.req.raw, forwardLimit(c.req.path));
  const res = await appStub(c.env, record.id).fetch(withIdentity(body, identity, { requestId: c.get("requestId") }));
  // Responses from the object are immutable; copy so the headers middleware can add to them.
  return new Response(res.body, res);
}

/**
 * Requests to `<slug>.<APPS_DOMAIN>`, in the Worker. Every path and the file that answers it:
 *
 *   ALL       /_api/*                   the app's Durable Object (toAppObject, above); POST /_api/auth/*
 *                                       first passes the edge rate limiter (../rate-limit.ts)
 *   GET       /_sandlot/vendor/*        vendor.ts: the shared React files, same bytes for every app
 *   GET|POST  /_sandlot/dev-checkout/*  dev-checkout.ts: the dev payment pages (never production)
 *   GET       *                         static.ts: the published frontend from R2
 */
export function createAppRouter(): Hono<AppRouterEnv> {
  const app = new Hono<AppRouterEnv>();
  app.use("*", requestId);
  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(APP_SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
    // No CORS grant ever leaves an app origin, whatever produced the response (T13).
    for (const k of [...c.res.headers.keys()]) if (k.startsWith("access-control-")) c.res.headers.delete(k);
  });
  app.use("*", async (c, next) => {
    // A service worker could outlive a republish and intercept the app's own API (T30).
    if (c.req.header("service-worker") === "script") throw notFound("Service workers are not allowed here.");
    await next();
  });
  app.use("*", bodyLimit({ except: isUpload }));
  app.use("/_api/*", refuseCrossSite());
  // Before the D1 lookup: a flood of sign-ins costs a counter, not a read, an object call or a hash (T49).
  app.use(
    "/_api/auth/*",
    limitAtEdge<AppRouterEnv>("AUTH_LIMITER", {
      scope: (c) => {
        const target = targetOf(c.req.raw, c.env);
        return `app:${target.plane === "app" ? target.slug : "unknown"}`;
      },
      when: (method) => method !== "GET",
    }),
  );
  app.use("*", async (c, next) => {
    const target = targetOf(c.req.raw, c.env);
    if (target.plane !== "app") throw notFound("Unknown host.");
    const record = await findAppBySlug(c.env.DB, target.slug);
    if (!record) return (await wasDeleted(c.env.DB, target.slug)) ? deletedAppPage() : unknownAppPage();
    c.set("app", record);
    await next();
  });

  app.all("/_api/*", toAppObject);
  app.get(`${VENDOR_URL_PREFIX}*`, (c) => vendorResponse(c.req.path, { crossOrigin: "deny" }) ?? missingFilePage());
  app.on(["GET", "POST"], `${DEV_CHECKOUT_PREFIX}*`, devCheckoutRoute);
  app.get("*", (c) => servePublished(c, c.get("app")));
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
