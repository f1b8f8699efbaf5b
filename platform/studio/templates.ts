import { Hono } from "hono";
import { listTemplates } from "../templates/registry";
import type { StudioEnv } from "./context";

/**
 * `GET /api/templates`: what a creator can start an app from (never test fixtures). Public: a
 * manifest is the template's published contract, and the studio shows it before sign-up.
 */
export const templateRoutes = new Hono<StudioEnv>();

templateRoutes.get("/", (c) => {
  const templates = listTemplates().map((t) => ({
    id: t.id,
    name: t.manifest.name,
    description: t.manifest.description,
    manifest: t.manifest,
  }));
  return c.json({ templates });
});
