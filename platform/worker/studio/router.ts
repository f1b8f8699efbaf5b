import { Hono } from "hono";
import { handleError, handleNotFound } from "../../errors";
import { bodyLimit, refuseCrossSite, requestId, studioSecurityHeaders } from "../middleware";
import { limitAtEdge } from "../rate-limit";
import { vendorResponse } from "../vendor";
import { appDataRoutes } from "./app-data";
import { aiRoutes, aiStatusRoutes } from "./ai";
import { appBillingRoutes } from "./app-billing";
import { appRoutes } from "./apps";
import { authRoutes } from "./auth";
import { loadCreator, type StudioEnv } from "./context";
import { creatorBillingRoutes } from "./creator-billing";
import { devOutboxRoutes } from "./dev-outbox";
import { devTemplateRoutes } from "./dev-templates";
import { exportRoutes, importRoutes } from "./exports";
import { domainRoutes } from "./domains";
import { fileRoutes } from "./files";
import { oauthSettingsRoutes } from "./oauth";
import { studioOpenApiRoutes } from "./openapi";
import { outboxRoutes } from "./outbox";
import { passwordRoutes } from "./password";
import { previewRoutes } from "./preview";
import { publishRoutes } from "./publish";
import { templateRoutes } from "./templates";
import { tokenRoutes } from "./tokens";
import { rollbackRoutes, versionRoutes } from "./versions";
import { webhookRoutes } from "./webhooks";

/**
 * The studio's whole API, one resource a row, each answered by the file named beside it
 * (docs/design.md, studio contract). `:slug` is always one of the signed-in creator's own apps;
 * anyone else's answers 404, exactly like a missing one (T15).
 */
export const ROUTES: ReadonlyArray<readonly [path: string, routes: Hono<StudioEnv>]> = [
  ["/api/auth", authRoutes], //                       auth.ts: signup, login, logout, me, sign out everywhere
  ["/api/auth", passwordRoutes], //                   password.ts: change, reset by mail
  ["/api/dev", devOutboxRoutes], //                   dev-outbox.ts: the studio's mail (development only)
  ["/api/dev", devTemplateRoutes], //                 dev-templates.ts: `sandlot template push` (development only, T58)
  ["/api/tokens", tokenRoutes], //                    tokens.ts: API tokens for the CLI
  ["/api/templates", templateRoutes], //              templates.ts: list, a template's files
  ["/api/billing", creatorBillingRoutes], //          creator-billing.ts: Stripe connection, platform plan
  ["/api/apps", appRoutes], //                        apps.ts: list, create, read, rename, delete
  ["/api/apps/:slug/files", fileRoutes], //           files.ts: the app's blanks, read, save, reset one
  ["/api/apps/:slug/publish", publishRoutes], //      publish.ts: build on the server, go live
  ["/api/apps/:slug/versions", versionRoutes], //     versions.ts: published versions, restore one into the draft
  ["/api/apps/:slug/rollback", rollbackRoutes], //    versions.ts: make an earlier version live
  ["/api/apps/:slug/domain", domainRoutes], //        domains.ts: the custom domain, add, verify, remove
  ["/api/apps/:slug/preview", previewRoutes], //      preview.ts: the preview copy's /_api
  ["/api/apps/:slug/outbox", outboxRoutes], //        outbox.ts: mail the app sent
  ["/api/apps/:slug/billing", appBillingRoutes], //   app-billing.ts: events, subscribers
  ["/api/apps/:slug/data", appDataRoutes], //         app-data.ts: records and end users (live or preview)
  ["/api/apps/:slug/exports", exportRoutes], //       exports.ts: single-use export links, the zip itself
  ["/api/apps/:slug/imports", importRoutes], //       exports.ts: an export zip into a new app
  ["/api/apps/:slug/oauth", oauthSettingsRoutes], //  oauth.ts: sign in with Google/GitHub (secret write-only)
  ["/api/ai", aiStatusRoutes], //                     ai.ts: the assistant's state and the creator's usage
  ["/api/apps/:slug/ai", aiRoutes], //                ai.ts: chat (a UI message stream), proposals, conversation
  ["/api/openapi.json", studioOpenApiRoutes], //      openapi.ts: this table as OpenAPI 3.1 (openapi/)
  ["/webhooks", webhookRoutes], //                    webhooks.ts: Stripe deliveries (signed, not a browser)
];

/** Paths whose callers are not browsers and authenticate themselves (signed webhooks). */
const isWebhook = (path: string): boolean => path.startsWith("/webhooks/");

/** Requests that may make the server hash a password: counted at the edge before anything else (T49). */
const isStudioAuthWrite = (method: string, path: string): boolean => method !== "GET" && path.startsWith("/api/auth/");
const PREVIEW_AUTH = /^\/api\/apps\/([^/]+)\/preview\/_api\/auth\//;
const isPreviewAuthWrite = (method: string, path: string): boolean => method !== "GET" && PREVIEW_AUTH.test(path);

/** Preview uploads are capped like the app's own, by the preview proxy and the object. */
const isPreviewUpload = (path: string): boolean => /^\/api\/apps\/[^/]+\/preview\/_api\/files$/.test(path);
/** An import is a zip, capped by its own route (worker/export/import.ts MAX_IMPORT_BYTES). */
const isImport = (path: string): boolean => /^\/api\/apps\/[^/]+\/imports$/.test(path);

export function studioRouter(): Hono<StudioEnv> {
  const app = new Hono<StudioEnv>();
  app.use("*", requestId);
  app.use("*", studioSecurityHeaders);
  app.use("*", bodyLimit({ except: (path) => isPreviewUpload(path) || isImport(path) }));
  app.use("*", refuseCrossSite({ except: isWebhook }));
  app.use("/api/auth/*", limitAtEdge<StudioEnv>("AUTH_LIMITER", { scope: () => "studio", when: isStudioAuthWrite }));
  app.use(
    "/api/apps/*",
    limitAtEdge<StudioEnv>("AUTH_LIMITER", {
      scope: (c) => `preview:${PREVIEW_AUTH.exec(c.req.path)?.[1] ?? ""}`,
      when: isPreviewAuthWrite,
    }),
  );
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
