import { Hono } from "hono";
import { z } from "zod";
import { appUrl } from "../../apps/origin";
import { listVersions, moveCurrentVersion } from "../../apps/versions";
import { notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedApp } from "./owned-app";

/** `GET /api/apps/:slug/versions` and `POST /api/apps/:slug/rollback`: an app's published versions. */
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

const rollbackSchema = z.object({ version: z.number().int().min(1) }).strict();

/** Points the app back at an earlier version; its objects were never deleted: byte for byte what was served. */
rollbackRoutes.post("/", async (c) => {
  const app = await requireOwnedApp(c);
  const { version } = await jsonBody(c.req.raw, rollbackSchema);
  if (!(await moveCurrentVersion(c.env.DB, app.id, version))) throw notFound(`This app has no version ${version}.`);
  return c.json(shape("rolledBack", { version, url: appUrl(c.env, app.slug) }));
});
