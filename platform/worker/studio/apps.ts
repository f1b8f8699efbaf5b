import { Hono } from "hono";
import { creatorAllowance } from "../../billing/creator-plans";
import { ApiError, badRequest, conflict, notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import { countAppsOf, insertApp, listAppsOf, renameApp, type AppRow } from "../../apps/queries";
import { appUrl } from "../../apps/origin";
import { releaseApp } from "../../apps/deletion";
import { removeDomain } from "../domain-lifecycle";
import { checkSlug } from "../../apps/slug";
import { findTemplate } from "../../templates/pushed";
import { purgeApp } from "../app-purge";
import { announceServedChange, forgetServedApp } from "../served-change";
import { requireCreator, type StudioEnv } from "./context";
import { shape, type StudioTypes } from "./contract";
import { requireOwnedApp } from "./owned-app";
import { studioBodies } from "./requests";

/** `POST/GET /api/apps`, `GET`/`PATCH`/`DELETE /api/apps/:slug`: a creator's own apps, nobody else's (T15). */
export const appRoutes = new Hono<StudioEnv>();

/** An app as the studio sees it (T04: the contract's fields only). */
export function appView(env: StudioEnv["Bindings"], app: AppRow): StudioTypes["app"]["app"] {
  return {
    id: app.id,
    slug: app.slug,
    name: app.name,
    template: app.templateId,
    url: appUrl(env, app.slug),
    version: app.currentVersion,
  };
}

appRoutes.post("/", async (c) => {
  const creator = requireCreator(c);
  const body = await jsonBody(c.req.raw, studioBodies.createApp);
  const slug = checkSlug(body.slug);
  if (!slug.ok) throw badRequest(`That address can't be used. ${slug.reason}`, "invalid_slug");
  const template = await findTemplate(c.env, body.template);
  if (!template) throw badRequest(`There is no template "${body.template}".`, "unknown_template");
  const allowance = creatorAllowance(creator.plan).apps;
  // Checked before the insert; two racing creates may both pass by one app, which only costs a
  // little storage, never another creator's data.
  if ((await countAppsOf(c.env.DB, creator.id)) >= allowance) {
    throw new ApiError(
      403,
      "limit_reached",
      `Your plan allows ${allowance} apps and you have used them all. ` +
        "Upgrade to Pro in Account for more, or delete an app you no longer need.",
    );
  }
  const created = await insertApp(c.env.DB, {
    creatorId: creator.id,
    slug: slug.slug,
    name: body.name ?? slug.slug,
    templateId: template.id,
  });
  if (created.ok) forgetServedApp(created.app.slug);
  if (!created.ok && created.reason === "held") {
    const until = new Date(created.heldUntil).toISOString().slice(0, 10);
    throw conflict(
      `The address "${slug.slug}" belonged to an app that was deleted recently; it is held until ${until} so that ` +
        `nobody inherits its visitors. Pick another.`,
      "slug_held",
    );
  }
  if (!created.ok) throw conflict(`The address "${slug.slug}" is taken. Pick another.`, "slug_taken");
  return c.json(shape("app", { app: appView(c.env, created.app) }), 201);
});

appRoutes.get("/", async (c) => {
  const creator = requireCreator(c);
  const rows = await listAppsOf(c.env.DB, creator.id);
  return c.json(shape("apps", { apps: rows.map((row) => appView(c.env, row)) }));
});

appRoutes.get("/:slug", async (c) => {
  const app = await requireOwnedApp(c);
  return c.json(shape("app", { app: appView(c.env, app) }));
});

/**
 * `PATCH /api/apps/:slug {name}`: renames the app. The name reaches the live app and its preview
 * at once (GET /_api/app, the page title, every mail), without a republish; the slug stays.
 */
appRoutes.patch("/:slug", async (c) => {
  const app = await requireOwnedApp(c);
  const { name } = await jsonBody(c.req.raw, studioBodies.renameApp);
  const renamed = await renameApp(c.env.DB, app.creatorId, app.slug, name);
  if (!renamed) throw notFound();
  await announceServedChange(c.env, renamed, renamed.revision);
  return c.json(shape("app", { app: appView(c.env, renamed) }));
});

/**
 * `DELETE /api/apps/:slug` `{confirm: "<slug>"}`: deletes the app for good. Its rows go and its
 * slug is held in one D1 batch (nothing is served or routed from that instant), then both of its
 * Durable Objects and every R2 object under it are purged (T46). 200 when the purge finished; 202
 * when part of it failed and the scheduled run will finish it. The slug stays held for 30 days.
 */
appRoutes.delete("/:slug", async (c) => {
  const app = await requireOwnedApp(c);
  const { confirm } = await jsonBody(c.req.raw, studioBodies.deleteApp);
  if (confirm !== app.slug) throw badRequest(`Type the app's address, ${app.slug}, to confirm.`, "confirm_mismatch");
  // Its custom domain first, so Cloudflare forgets the registration too (the row would go anyway).
  await removeDomain(c.env, app);
  const now = Date.now();
  const { heldUntil } = await releaseApp(c.env.DB, app, now);
  // The objects' deletion marks (app-object.ts) and R2's purge stop other isolates' cached copies.
  forgetServedApp(app.slug);
  const purge = await purgeApp(c.env, app.id, now);
  return c.json(
    shape("appDeleted", { deleted: { slug: app.slug, heldUntil, purged: purge.ok } }),
    purge.ok ? 200 : 202,
  );
});
