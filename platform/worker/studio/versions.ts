import { Hono } from "hono";
import { z } from "zod";
import { appUrl } from "../../apps/origin";
import { listVersions, moveCurrentVersion } from "../../apps/versions";
import { notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedApp, requireOwnedAppWithTemplate } from "./owned-app";
import { r2Keys } from "../../apps/r2-keys";
import { saveOverDraft } from "../../publish/draft";
import { readSources } from "../../publish/sources";
import { raceLost } from "./files";
import { announceServedChange } from "../served-change";

/**
 * `GET /api/apps/:slug/versions`, `POST /api/apps/:slug/versions/:version/restore` and
 * `POST /api/apps/:slug/rollback`: an app's published versions.
 */
export const versionRoutes = new Hono<StudioEnv>();
export const rollbackRoutes = new Hono<StudioEnv>();

versionRoutes.get("/", async (c) => {
  const app = await requireOwnedApp(c);
  const rows = await listVersions(c.env.DB, app.id);
  const versions = rows.reverse().map((v) => ({
    version: v.version,
    createdAt: v.createdAt,
    bytes: v.bytes,
    current: v.version === app.currentVersion,
  }));
  return c.json(shape("versions", { versions }));
});

/**
 * Copies the blanks a version was built from into the draft, so the next publish ships that
 * version again (a rollback only changes what is live). What is live does not change.
 */
versionRoutes.post("/:version/restore", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const version = Number(c.req.param("version"));
  const known = Number.isInteger(version) && version >= 1 && version <= 1_000_000;
  const object = known ? await c.env.BUCKET.head(r2Keys.versionSources(app.id, version)) : null;
  if (!object) throw notFound(`This app has no version ${String(c.req.param("version")).slice(0, 20)}.`);
  const files = await readSources(c.env, app.id, template, r2Keys.versionSources(app.id, version));
  const saved = await saveOverDraft(c.env, app.id, template, files);
  if (!saved) throw raceLost();
  c.header("ETag", `"${saved.revision}"`);
  return c.json(
    shape("savedFiles", { files: saved.files, saved: Object.keys(files).sort(), revision: saved.revision }),
  );
});

const rollbackSchema = z.object({ version: z.number().int().min(1) }).strict();

/** Points the app back at an earlier version; its objects were never deleted: byte for byte what was served. */
rollbackRoutes.post("/", async (c) => {
  const app = await requireOwnedApp(c);
  const { version } = await jsonBody(c.req.raw, rollbackSchema);
  const revision = await moveCurrentVersion(c.env.DB, app.id, version);
  if (revision === null) throw notFound(`This app has no version ${version}.`);
  await announceServedChange(c.env, app, revision);
  return c.json(shape("rolledBack", { version, url: appUrl(c.env, app.slug) }));
});
