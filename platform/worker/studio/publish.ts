import { Hono } from "hono";
import { z } from "zod";
import { ApiError, notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import { listVersions, moveCurrentVersion } from "../../apps/queries";
import { publishApp } from "../../publish/publish";
import type { StudioEnv } from "./context";
import { appUrl, requireOwnedApp, requireOwnedAppWithTemplate } from "./owned-app";

/** `POST /:slug/publish`, `GET /:slug/versions`, `POST /:slug/rollback` under /api/apps. */
export const publishRoutes = new Hono<StudioEnv>();

/**
 * Builds the app's SAVED sources on the server and makes the result live. The request has no
 * body: there is nothing a client could send that the server would build or store.
 */
publishRoutes.post("/:slug/publish", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const outcome = await publishApp(c.env, app, template);
  if (!outcome.ok) {
    const first = outcome.problems[0];
    const summary = first ? ` First: ${first.file}:${first.line} ${first.message}` : "";
    throw new ApiError(422, "build_failed", `The app did not build (${outcome.problems.length} problem${outcome.problems.length === 1 ? "" : "s"}).${summary}`, {
      extra: { problems: outcome.problems.map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message, code: p.code })) },
    });
  }
  return c.json({ version: outcome.version, url: appUrl(c.env, app.slug), bytes: outcome.bytes }, 201);
});

publishRoutes.get("/:slug/versions", async (c) => {
  const app = await requireOwnedApp(c);
  const rows = await listVersions(c.env, app.id);
  const versions = rows.reverse().map((v) => ({ version: v.version, createdAt: v.createdAt, bytes: v.bytes, current: v.version === app.currentVersion }));
  return c.json({ versions });
});

const rollbackSchema = z.object({ version: z.number().int().min(1) }).strict();

/** Points the app back at an earlier version; its objects were never deleted, so it is byte for byte what was served. */
publishRoutes.post("/:slug/rollback", async (c) => {
  const app = await requireOwnedApp(c);
  const { version } = await jsonBody(c.req.raw, rollbackSchema);
  if (!(await moveCurrentVersion(c.env, app.id, version))) throw notFound(`This app has no version ${version}.`);
  return c.json({ version, url: appUrl(c.env, app.slug) });
});
