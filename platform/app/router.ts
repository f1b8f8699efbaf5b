import { Hono } from "hono";
import type { Env } from "../env";
import { handleError, handleNotFound, notFound } from "../errors";
import { targetOf } from "../http/host";
import { MAX_JSON_BYTES, readBytes } from "../http/body";
import { bodyLimit, refuseCrossSite, requestId } from "../http/middleware";
import { DEV_CHECKOUT_PREFIX, devCheckoutRoute } from "../billing/dev-checkout-route";
import { appSecurityHeaders } from "./headers";
import { withIdentity, type AppIdentity } from "./identity";
import { PLATFORM_CAPS } from "./limits";
import { findAppBySlug, type AppRecord } from "./lookup";
import { missingFilePage, servePublished, unknownAppPage } from "./static";
import { appStub } from "./stub";
import { VENDOR_URL_PREFIX, vendorResponse } from "./vendor";

export interface AppRouterEnv {
  Bindings: Env;
  Variables: { requestId: string; app: AppRecord };
}

/** Uploads carry their own, larger cap, enforced by the files route. */
const isUpload = (path: string): boolean => path === "/_api/files";

/** Largest upload body the Worker will carry to an object: the platform file cap plus multipart framing. */
const MAX_UPLOAD_BODY = PLATFORM_CAPS.maxFileBytes + 64 * 1024;

/**
 * Reads the body here, capped while streaming (T17: a chunked body without Content-Length cannot
 * grow past the cap), and hands the object bytes: the object may answer before reading them, and a
 * stream still being copied after that answer would fail.
 */
async function buffered(request: Request): Promise<Request> {
  if (!request.body) return request;
  const path = new URL(request.url).pathname;
  const bytes = await readBytes(request, isUpload(path) ? MAX_UPLOAD_BODY : MAX_JSON_BYTES);
  return new Request(request.url, { method: request.method, headers: request.headers, body: bytes });
}

/**
 * Requests to `<slug>.<APPS_DOMAIN>`: `/_api/*` goes to the app's Durable Object, everything else
 * is the published frontend from R2.
 */
export function createAppRouter(): Hono<AppRouterEnv> {
  const app = new Hono<AppRouterEnv>();
  app.use("*", requestId);
  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(appSecurityHeaders(c.env))) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
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
  app.use("*", async (c, next) => {
    const target = targetOf(c.req.raw, c.env);
    if (target.plane !== "app") throw notFound("Unknown host.");
    const record = await findAppBySlug(c.env, target.slug);
    if (!record) return unknownAppPage(c);
    c.set("app", record);
    await next();
  });

  app.all("/_api/*", async (c) => {
    const record = c.get("app");
    const url = new URL(c.req.url);
    const identity: AppIdentity = {
      id: record.id,
      slug: record.slug,
      templateId: record.templateId,
      creatorId: record.creatorId,
      creatorEmail: record.creatorEmail,
      // Built from configuration and the resolved slug, not echoed from the request (T26).
      origin: `${c.env.ENVIRONMENT === "production" ? "https:" : url.protocol}//${record.slug}.${c.env.APPS_DOMAIN}`,
    };
    const ip = c.req.header("cf-connecting-ip")?.trim();
    if (ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip)) identity.ip = ip;
    const res = await appStub(c.env, record.id).fetch(withIdentity(await buffered(c.req.raw), identity, { requestId: c.get("requestId") }));
    // Responses from the object are immutable; copy so the headers middleware can add to them.
    return new Response(res.body, res);
  });
  // Shared React files, same bytes for every app; never a CORS grant on an app origin.
  app.get(`${VENDOR_URL_PREFIX}*`, (c) => vendorResponse(c.req.path, { crossOrigin: "deny" }) ?? missingFilePage());
  // The dev payment provider's pages (no Stripe keys, never production); before the static catch-all.
  app.on(["GET", "POST"], `${DEV_CHECKOUT_PREFIX}*`, devCheckoutRoute);
  app.get("*", (c) => servePublished(c, c.get("app")));
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
