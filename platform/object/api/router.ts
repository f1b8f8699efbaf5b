import { Hono } from "hono";
import { ApiError, badRequest, handleError, handleNotFound } from "../../errors";
import { findTemplate } from "../../templates/pushed";
import { readIdentity, readRequestId } from "../identity";
import { appLimits } from "../limits";
import type { AppStore } from "../store";
import { appRoutes } from "./app";
import { authRoutes } from "./auth";
import { billingRoutes } from "./billing";
import { collectionRoutes } from "./collections";
import type { AppApiEnv } from "./context";
import { downloadRoutes } from "./downloads";
import { fileRoutes } from "./files";
import { openapiRoutes } from "./openapi";
import { limitByIp, limitByUser } from "./ratelimit";
import { loadUser } from "./session";

export type { AppApiEnv } from "./context";

/** The app plane's `/_api/*`, every resource and its file (docs/design.md, app plane contract). */
export const ROUTES: ReadonlyArray<readonly [path: string, routes: Hono<AppApiEnv>]> = [
  ["/_api/auth", authRoutes], // auth.ts: signup, login, logout, me, verify, reset, password
  ["/_api/collections", downloadRoutes], // downloads.ts: a document's file, for the readers its downloads rule allows
  ["/_api/collections", collectionRoutes], // collections.ts: list, search, create, read, update, delete
  ["/_api/files", fileRoutes], // files.ts: upload, download
  ["/_api/billing", billingRoutes], // billing.ts: checkout, purchase, purchases, portal
  ["/_api/app", appRoutes], // app.ts: the app's name and address
  ["/_api", openapiRoutes], // openapi.ts: GET /_api/openapi.json
];

/** The `/_api/*` contract, running inside one app's Durable Object against its own storage. */
export function createAppApi(store: AppStore): Hono<AppApiEnv> {
  const app = new Hono<AppApiEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", readRequestId(c.req.raw));
    const identity = readIdentity(c.req.raw);
    if (!identity) throw badRequest("Missing app identity.");
    c.set("identity", identity);
    c.set("store", store);
    // The backend contract is the template's manifest, looked up by the Worker-resolved app.
    const template = await findTemplate(c.env, identity.templateId);
    if (!template) throw new ApiError(503, "app_unavailable", "This app is not available right now.");
    c.set("manifest", template.manifest);
    c.set("limits", appLimits(template.manifest));
    await next();
  });
  app.use("*", limitByIp);
  app.use("*", loadUser);
  app.use("*", limitByUser);
  for (const [path, routes] of ROUTES) app.route(path, routes);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
