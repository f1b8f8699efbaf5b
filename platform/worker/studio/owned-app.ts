import { notFound } from "../../errors";
import { findOwnedApp, type AppRow } from "../../apps/queries";
import { findTemplate } from "../../templates/pushed";
import type { Template } from "../../templates/registry";
import { requireCreator, type StudioContext } from "./context";

/**
 * The app named by `:slug`, if the signed-in creator owns it. Someone else's app answers exactly
 * like a missing one, so slugs cannot be probed for ownership (T15).
 */
export async function requireOwnedApp(c: StudioContext): Promise<AppRow> {
  const creator = requireCreator(c);
  const app = await findOwnedApp(c.env.DB, creator.id, c.req.param("slug") ?? "");
  if (!app) throw notFound("No such app.");
  return app;
}

/** The owned app and its template, for routes that read or rebuild sources. */
export async function requireOwnedAppWithTemplate(c: StudioContext): Promise<{ app: AppRow; template: Template }> {
  const app = await requireOwnedApp(c);
  const template = await findTemplate(c.env, app.templateId);
  // An app whose template was withdrawn cannot be edited or rebuilt; it stays served as published.
  if (!template) throw notFound(`The template "${app.templateId}" of this app is no longer available.`);
  return { app, template };
}
