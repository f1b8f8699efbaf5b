import { Hono } from "hono";
import { notFound } from "../../errors";
import { findPushedTemplate, listPushedTemplates } from "../../templates/pushed";
import { getTemplate, listTemplates, type Template } from "../../templates/registry";
import type { StudioEnv } from "./context";
import { shape } from "./contract";

/**
 * `GET /api/templates`: what a creator can start an app from (never test fixtures). Public: a
 * manifest is the template's published contract, and the studio shows it before sign-up.
 */
export const templateRoutes = new Hono<StudioEnv>();

templateRoutes.get("/", async (c) => {
  // In development, templates pushed with `sandlot template push` too (T58); elsewhere none exist.
  const all: Template[] = [...listTemplates(), ...(await listPushedTemplates(c.env))];
  const templates = all.map((t) => ({
    id: t.id,
    name: t.manifest.name,
    description: t.manifest.description,
    manifest: t.manifest,
  }));
  return c.json(shape("templates", { templates }));
});

/**
 * `GET /api/templates/:id/files`: the template's whole source (locked files and blank defaults),
 * which the studio's in-browser preview builds against. Public for the same reason as above.
 */
templateRoutes.get("/:id/files", async (c) => {
  const id = c.req.param("id");
  const template = listTemplates().some((t) => t.id === id)
    ? getTemplate(c.env, id)
    : await findPushedTemplate(c.env, id);
  if (!template) throw notFound("No such template.");
  return c.json(shape("templateFiles", { files: template.files }));
});
