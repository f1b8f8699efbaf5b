import { Hono } from "hono";
import type { StudioEnv } from "./context";
import { buildStudioOpenApi } from "./openapi/studio-document";

/**
 * `GET /api/openapi.json`: the studio API as OpenAPI 3.1, from its operation table and the zod
 * schemas its handlers use (openapi/). The same for every caller, so it is built once per isolate.
 */
export const studioOpenApiRoutes = new Hono<StudioEnv>();

let built: ReturnType<typeof buildStudioOpenApi> | undefined;

studioOpenApiRoutes.get("/", (c) => {
  built ??= buildStudioOpenApi();
  return c.json(built, 200);
});
