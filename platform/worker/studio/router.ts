import { Hono } from "hono";
import { handleError, handleNotFound } from "../../errors";
import { bodyLimit, refuseCrossSite, requestId, studioSecurityHeaders } from "../middleware";
import { authRoutes } from "./auth";
import { appBillingRoutes, creatorBillingRoutes } from "./billing";
import { webhookRoutes } from "./webhooks";
import { loadCreator, type StudioEnv } from "./context";
import { tokenRoutes } from "./tokens";
import { appRoutes } from "./apps";
import { fileRoutes } from "./files";
import { outboxRoutes } from "./outbox";
import { previewRoutes } from "./preview";
import { publishRoutes } from "./publish";
import { templateRoutes } from "./templates";
import { vendorResponse } from "../vendor";

/** Every studio route, mounted in one table. */
const ROUTES: ReadonlyArray<readonly [path: string, app: Hono<StudioEnv>]> = [
  ["/api/auth", authRoutes],
  ["/api/tokens", tokenRoutes],
  ["/api/templates", templateRoutes],
  ["/api/apps", appRoutes],
  ["/api/apps", fileRoutes],
  ["/api/apps", publishRoutes],
  ["/api/apps", previewRoutes],
  ["/api/apps", outboxRoutes],
  ["/api/apps", appBillingRoutes],
  ["/api/billing", creatorBillingRoutes],
  ["/webhooks", webhookRoutes],
];

/** Paths whose callers are not browsers and authenticate themselves (signed webhooks). */
const isWebhook = (path: string): boolean => path.startsWith("/webhooks/");

/** Preview uploads are capped like the app's own, by the preview proxy and the object. */
const isPreviewUpload = (path: string): boolean => /^\/api\/apps\/[^/]+\/preview\/_api\/files$/.test(path);

export function studioRouter(): Hono<StudioEnv> {
  const app = new Hono<StudioEnv>();
  app.use("*", requestId);
  app.use("*", studioSecurityHeaders);
  app.use("*", bodyLimit({ except: isPreviewUpload }));
  app.use("*", refuseCrossSite({ except: isWebhook }));
  app.use("/api/*", loadCreator);
  for (const [path, routes] of ROUTES) app.route(path, routes);
  app.all("/api/*", handleNotFound);
  // The shared React files, readable by the sandboxed (origin "null") preview iframe.
  app.get("/_sandlot/vendor/*", (c) => vendorResponse(c.req.path, { crossOrigin: "allow" }) ?? handleNotFound(c));
  // Everything else is the studio's single-page frontend, built by vite into web/dist.
  app.get("*", async (c) => {
    let res = await c.env.ASSETS.fetch(c.req.raw);
    if (res.status === 404) res = await c.env.ASSETS.fetch(new Request(new URL("/", c.req.url), c.req.raw));
    // Asset responses are immutable; copy so the security headers can be added.
    return new Response(res.body, res);
  });
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
