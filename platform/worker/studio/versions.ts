import { Hono } from "hono";
import { appUrl } from "../../apps/origin";
import { listVersions, moveCurrentVersion } from "../../apps/versions";
import { notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import type { StudioContext, StudioEnv } from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";
import { requireOwnedApp, requireOwnedAppWithTemplate } from "./owned-app";
import { r2Keys } from "../../apps/r2-keys";
import { saveOverDraft } from "../../publish/draft";
import { readSources } from "../../publish/sources";
import { raceLost } from "./files";
import { announceServedChange } from "../served-change";

/**
 * `GET /api/apps/:slug/versions`, `GET /api/apps/:slug/versions/:version` (its blanks),
 * `POST /api/apps/:slug/versions/:version/restore` and
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

/** The version's stored sources, or 404 for a version this app does not have. */
async function versionSourcesKey(c: StudioContext, appId: string): Promise<{ version: number; key: string }> {
  const raw = c.req.param("version") ?? "";
  const version = Number(raw);
  const known = Number.isInteger(version) && version >= 1 && version <= 1_000_000;
  const key = r2Keys.versionSources(appId, version);
  const object = known ? await c.env.BUCKET.head(key) : null;
  if (!object) throw notFound(`This app has no version ${raw.slice(0, 20)}.`);
  return { version, key };
}

/** The blanks a version was built from, so the studio can show them against the draft first. */
versionRoutes.get("/:version", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const { version, key } = await versionSourcesKey(c, app.id);
  const files = await readSources(c.env, app.id, template, key);
  return c.json(shape("versionFiles", { version, files }));
});

/**
 * Copies the blanks a version was built from into the draft, so the next publish ships that
 * version again (a rollback only changes what is live). What is live does not change.
 */
versionRoutes.post("/:version/restore", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const { key } = await versionSourcesKey(c, app.id);
  const files = await readSources(c.env, app.id, template, key);
  const saved = await saveOverDraft(c.env, app.id, template, files);
  if (!saved) throw raceLost();
  c.header("ETag", `"${saved.revision}"`);
  return c.json(
    shape("savedFiles", { files: saved.files, saved: Object.keys(files).sort(), revision: saved.revision }),
  );
});

/** Points the app back at an earlier version; its objects were never deleted: byte for byte what was served. */
rollbackRoutes.post("/", async (c) => {
  const app = await requireOwnedApp(c);
  const { version } = await jsonBody(c.req.raw, studioBodies.rollback);
  const revision = await moveCurrentVersion(c.env.DB, app.id, version);
  if (revision === null) throw notFound(`This app has no version ${version}.`);
  await announceServedChange(c.env, app, revision);
  return c.json(shape("rolledBack", { version, url: appUrl(c.env, app.slug) }));
});
