import { Hono } from "hono";
import type { AppApiEnv } from "./context";
import { buildOpenApi } from "./openapi/document";

/**
 * `GET /_api/openapi.json`: the app's contract as OpenAPI 3.1, generated from the same zod
 * schemas the handlers validate with, plus this app's collections from its manifest (openapi/).
 */
export const openapiRoutes = new Hono<AppApiEnv>();

openapiRoutes.get("/openapi.json", (c) => {
  const identity = c.get("identity");
  return c.json(buildOpenApi(c.get("manifest"), { origin: identity.origin, title: `${identity.slug} API` }), 200);
});
