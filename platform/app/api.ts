import { Hono } from "hono";
import type { Env } from "../env";
import { badRequest, handleError, handleNotFound } from "../errors";
import { readIdentity, type AppIdentity } from "./identity";
import type { AppObject } from "./object";

export interface AppApiEnv {
  Bindings: Env;
  Variables: { requestId: string; identity: AppIdentity; object: AppObject };
}

/** App-plane sub-apps, mounted in one table (see DESIGN.md §5). */
const ROUTES: ReadonlyArray<readonly [path: string, app: Hono<AppApiEnv>]> = [];

/** The `/_api/*` contract, running inside one app's Durable Object. */
export function createAppApi(object: AppObject): Hono<AppApiEnv> {
  const app = new Hono<AppApiEnv>();
  app.use("*", async (c, next) => {
    c.set("requestId", crypto.randomUUID());
    const identity = readIdentity(c.req.raw);
    if (!identity) throw badRequest("Missing app identity.");
    c.set("identity", identity);
    c.set("object", object);
    await next();
  });
  for (const [path, routes] of ROUTES) app.route(path, routes);
  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
