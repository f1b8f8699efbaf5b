import { Hono } from "hono";
import { ApiError, badRequest, handleError, handleNotFound } from "../../errors";
import { getTemplate } from "../../templates/registry";
import { billingRoutes } from "./billing";
import { authRoutes } from "./auth";
import { collectionRoutes } from "./collections";
import type { AppApiEnv } from "./context";
import { fileRoutes } from "./files";
import { readIdentity, readRequestId } from "../identity";
import { appLimits } from "../limits";
import type { AppObject } from "../app-object";
import { openapiRoutes } from "./openapi";
import { limitByIp, limitByUser } from "./ratelimit";
import { loadUser } from "./session";

export type { AppApiEnv } from "./context";

/** App-plane sub-apps, mounted in one table (see DESIGN.md §5). */
export const ROUTES: ReadonlyArray<readonly [path: string, app: Hono<AppApiEnv>]> = [
  ["/_api/auth", authRoutes],
  ["/_api/collections", collectionRoutes],
  ["/_api/files", fileRoutes],
  ["/_api/billing", billingRoutes],
  ["/_api", openapiRoutes],
];

/** The `/_api/*` contract, running inside one app's Durable Object. */
export function createAppApi(object: AppObject): Hono<AppApiEnv> {
  const app = new Hono<AppApiEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", readRequestId(c.req.raw));
    const identity = readIdentity(c.req.raw);
    if (!identity) throw badRequest("Missing app identity.");
    c.set("identity", identity);
    c.set("object", object);
    // The backend contract is the template's manifest, looked up by the Worker-resolved app.
    const template = getTemplate(c.env, identity.templateId);
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
