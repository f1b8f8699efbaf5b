import { Hono } from "hono";
import { appDisplayName } from "../identity";
import type { AppApiEnv } from "./context";

/**
 * `GET /_api/app`: what an app's pages may show about the app itself, for anyone. The name comes
 * from the identity the Worker attached (the apps row the creator renames in the studio), so a
 * rename shows on the next page load without a republish.
 */
export const appRoutes = new Hono<AppApiEnv>();

appRoutes.get("/", (c) => {
  const identity = c.get("identity");
  return c.json({ app: { name: appDisplayName(identity), slug: identity.slug } }, 200);
});
