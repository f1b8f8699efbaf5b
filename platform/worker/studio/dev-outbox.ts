import { Hono } from "hono";
import { devFeaturesEnabled } from "../../environment";
import { notFound } from "../../errors";
import { parseWith } from "../../http/body";
import { studioMailbox } from "../stubs";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { studioQueries } from "./requests";

/**
 * `GET /api/dev/outbox?limit=`: the studio's own mail (creators' reset links), newest first, in
 * development only — the same idea as an app's outbox, but for a person who is signed out by
 * definition, so it needs no session. Anywhere else (T51) it does not exist: 404, and the mailbox
 * keeps no bodies there anyway (mail/outbox.ts).
 */
export const devOutboxRoutes = new Hono<StudioEnv>();

devOutboxRoutes.get("/outbox", async (c) => {
  if (!devFeaturesEnabled(c.env)) throw notFound("No such endpoint.");
  const { limit } = parseWith(studioQueries.devOutbox, c.req.query());
  return c.json(shape("outbox", { messages: await studioMailbox(c.env).read(limit) }));
});
