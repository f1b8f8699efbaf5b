import { Hono } from "hono";
import { appStub } from "../stubs";
import { devFeaturesEnabled } from "../../environment";
import { forbidden } from "../../errors";
import { parseWith } from "../../http/body";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { studioQueries } from "./requests";
import { requireOwnedApp } from "./owned-app";

/**
 * `GET /api/apps/:slug/outbox?limit=&copy=live|preview`: mail the app "sent" through the local
 * outbox provider (verification and reset messages), newest first, for the app's creator.
 *
 * Reset links are credentials for the app's users. Outside development the live app's outbox is
 * refused, so a creator can never read a real user's reset link; the preview copy's outbox
 * (test users the creator made) stays readable everywhere.
 */
export const outboxRoutes = new Hono<StudioEnv>();

outboxRoutes.get("/", async (c) => {
  const app = await requireOwnedApp(c);
  const { limit, copy } = parseWith(studioQueries.appOutbox, c.req.query());
  if (copy === "live" && !devFeaturesEnabled(c.env)) {
    throw forbidden(
      "The live outbox is a development tool; real mail goes through the mail provider. Use copy=preview.",
      "outbox_disabled",
    );
  }
  const messages = await appStub(c.env, app.id, { copy }).readOutbox(limit);
  return c.json(shape("outbox", { messages }));
});
