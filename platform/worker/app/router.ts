import { Hono } from "hono";
import { type ServedAppCache, servedApps } from "../../apps/served-cache";
import { customOrigin } from "../../apps/origin";
import { handleError, handleNotFound, notFound } from "../../errors";
import { bufferedRequest } from "../../http/body";
import { identityFor, STALE_HEADER, withIdentity } from "../../object/identity";
import { forwardLimit, isUpload } from "../../object/limits";
import { targetOf } from "../host";
import { bodyLimit, refuseCrossSite, requestId } from "../middleware";
import { limitAtEdge } from "../rate-limit";
import { appStub } from "../stubs";
import { VENDOR_URL_PREFIX, vendorResponse } from "../vendor";
import type { AppOriginContext, AppRouterEnv } from "./context";
import { DEV_CHECKOUT_PREFIX, devCheckoutRoute } from "./dev-checkout";
import { cachedApp, currentApp, type Lookup, reloadApp, type ServedKey } from "./resolve";
import { APP_SECURITY_HEADERS } from "./headers";
import { oauthRoutes } from "./oauth";
import { deletedAppPage, missingFilePage, servePublished, unknownAppPage } from "./static";

export type { AppRouterEnv } from "./context";

/**
 * `/_api/*`: forwarded, body capped, to the app's own Durable Object (platform/object/api/router.ts),
 * with the revision of the copy of the app it was resolved from. When the object calls that copy
 * stale (another isolate published, rolled back or renamed), the row is read again and the
 * request, already buffered, goes once more.
 */
async function toAppObject(c: AppOriginContext, cache: ServedAppCache, key: ServedKey): Promise<Response> {
  const body = await bufferedRequest(c.req.raw, forwardLimit(c.req.path));
  let record = c.get("app");
  for (let attempt = 0; ; attempt++) {
    const identity = identityFor(c.env, record, { ip: c.req.header("cf-connecting-ip") });
    const request = withIdentity(attempt === 0 ? body.clone() : body, identity, {
      requestId: c.get("requestId"),
      revision: record.revision,
    });
    const res = await appStub(c.env, record.id).fetch(request);
    if (!res.headers.has(STALE_HEADER) || attempt > 0) {
      // Responses from the object are immutable; copy so the headers middleware can add to them.
      const copy = new Response(res.body, res);
      copy.headers.delete(STALE_HEADER);
      return copy;
    }
    const fresh = await reloadApp(c.env, cache, key);
    if (fresh.kind !== "app") return lookupPage(fresh);
    record = fresh.app;
  }
}

function lookupPage(lookup: Exclude<Lookup, { kind: "app" }>): Response {
  return lookup.kind === "deleted" ? deletedAppPage() : unknownAppPage();
}

/** Paths whose answer does not depend on which version is live: served from the cached copy as it is. */
const isCachedPath = (path: string): boolean =>
  path.startsWith("/assets/") ||
  path.startsWith("/_api/") ||
  path.startsWith(VENDOR_URL_PREFIX) ||
  path.startsWith(DEV_CHECKOUT_PREFIX);

/** What the validated Host names: a slug host or a possible custom domain; null for anything else. */
function servedKey(c: AppOriginContext): ServedKey | null {
  const target = targetOf(c.req.raw, c.env);
  if (target.plane === "app") return { slug: target.slug };
  if (target.plane === "custom") return { hostname: target.hostname };
  return null;
}

/**
 * An app with an active custom domain is served there: its slug host answers pages with a 308 to
 * the same path on the domain. `/_api/*`, assets, vendor files and dev checkout keep answering on
 * the slug host, so a page loaded before the domain went live keeps working (docs/domains.md).
 */
function redirectToCustomDomain(c: AppOriginContext, key: ServedKey): Response | null {
  const app = c.get("app");
  if (!("slug" in key) || !app.customHost || (c.req.method !== "GET" && c.req.method !== "HEAD")) return null;
  const url = new URL(c.req.url);
  return new Response(null, {
    status: 308,
    headers: {
      Location: `${customOrigin(c.env, app.customHost)}${url.pathname}${url.search}`,
      "Cache-Control": "no-store",
    },
  });
}

export interface AppRouterOptions {
  /** The isolate's Host → app cache; a test passes its own to play another isolate. */
  cache?: ServedAppCache;
}

/**
 * Requests to `<slug>.<APPS_DOMAIN>` and to active custom domains (docs/domains.md), in the
 * Worker. Every path and the file that answers it:
 *
 *   GET       /_api/auth/providers,     oauth.ts: sign in with Google/GitHub, in the Worker (docs/oauth.md);
 *             /_api/auth/oauth/*        start and callback pass the edge rate limiter
 *   ALL       /_api/*                   the app's Durable Object (toAppObject, above); POST /_api/auth/*
 *                                       first passes the edge rate limiter (../rate-limit.ts)
 *   GET       /_sandlot/vendor/*        vendor.ts: the shared React files, same bytes for every app
 *   GET|POST  /_sandlot/dev-checkout/*  dev-checkout.ts: the dev payment pages (never production)
 *   GET       *                         static.ts: the published frontend from R2
 */
export function createAppRouter(options: AppRouterOptions = {}): Hono<AppRouterEnv> {
  const cache = options.cache ?? servedApps;
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
  // Before the app lookup: a flood of sign-ins costs a counter, not a read, an object call or a hash (T49).
  app.use(
    "/_api/auth/*",
    limitAtEdge<AppRouterEnv>("AUTH_LIMITER", {
      scope: (c) => {
        const key = servedKey(c);
        return !key ? "app:unknown" : "slug" in key ? `app:${key.slug}` : `host:${key.hostname}`;
      },
      when: (method, path) => method !== "GET" || path.startsWith("/_api/auth/oauth/"),
    }),
  );
  app.use("*", async (c, next) => {
    const key = servedKey(c);
    if (!key) throw notFound("Unknown host.");
    // On a custom domain only the API trusts the cached copy (its object checks the revision), so
    // a removed domain stops serving assets at once too (T55).
    const cachedPath = "slug" in key ? isCachedPath(c.req.path) : c.req.path.startsWith("/_api/");
    const lookup = cachedPath ? await cachedApp(c.env, cache, key) : await currentApp(c.env, cache, key);
    if (lookup.kind !== "app") return lookupPage(lookup);
    c.set("app", lookup.app);
    if (!cachedPath) {
      const redirect = redirectToCustomDomain(c, key);
      if (redirect) return redirect;
    }
    c.set("key", key);
    await next();
  });

  app.route("/_api/auth", oauthRoutes);
  app.all("/_api/*", (c) => toAppObject(c, cache, c.get("key")));
  app.get(`${VENDOR_URL_PREFIX}*`, (c) => vendorResponse(c.req.path, { crossOrigin: "deny" }) ?? missingFilePage());
  app.on(["GET", "POST"], `${DEV_CHECKOUT_PREFIX}*`, devCheckoutRoute);
  app.get("*", (c) => servePublished(c, c.get("app")));
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
