import { Hono } from "hono";
import { ApiError, tooManyRequests } from "../../errors";
import { entriesBesidesFiles, exportEntries } from "../export/archive";
import { importExport, importTooLarge, MAX_IMPORT_BYTES } from "../export/import";
import { ZIP_LIMITS, zipStream } from "../../export/zip-writer";
import { readBytes } from "../../http/body";
import { appStub } from "../stubs";
import { requireCreator, studioOrigin, type StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedAppWithTemplate } from "./owned-app";

/**
 * `POST /api/apps/:slug/exports` issues a download link; `GET /api/apps/:slug/exports/:token`
 * streams the zip once; `POST /api/apps/:slug/imports` takes an export into a new app. All for
 * the app's creator only (another creator's app answers 404, T15); links are single-use,
 * short-lived and bound to the creator who asked, and only their hashes are stored (T59).
 */
export const exportRoutes = new Hono<StudioEnv>();
export const importRoutes = new Hono<StudioEnv>();

exportRoutes.post("/", async (c) => {
  const { app } = await requireOwnedAppWithTemplate(c);
  const creator = requireCreator(c);
  const issued = await appStub(c.env, app.id).issueExportLink(creator.id);
  if (!issued.ok)
    throw tooManyRequests("Too many exports of this app. Try again in a few minutes.", issued.retryAfterSeconds);
  const url = `${studioOrigin(c.env)}/api/apps/${encodeURIComponent(app.slug)}/exports/${issued.token}`;
  c.header("Cache-Control", "no-store");
  return c.json(shape("exportLink", { url, expiresAt: issued.expiresAt }), 201);
});

const SPENT_MESSAGES = {
  unknown: "This export link is not valid. Ask for a new export in the app's Settings.",
  used: "This export link was already used; each link downloads once. Ask for a new export.",
  expired: "This export link has expired (links last ten minutes). Ask for a new export.",
} as const;

exportRoutes.get("/:token", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const creator = requireCreator(c);
  const stub = appStub(c.env, app.id);
  const counts = await stub.exportCounts();
  // Checked before the link is spent: a zip without zip64 holds 65,535 entries and 4 GiB.
  if (
    counts.files + entriesBesidesFiles(template) > ZIP_LIMITS.maxEntries ||
    counts.fileBytes > ZIP_LIMITS.maxBytes / 2
  )
    throw new ApiError(413, "export_too_large", "This app has too many files for one export zip. Contact support.");
  const spent = await stub.spendExportLink(c.req.param("token"), creator.id);
  if (!spent.ok)
    throw new ApiError(
      spent.reason === "unknown" ? 404 : 410,
      `export_link_${spent.reason}`,
      SPENT_MESSAGES[spent.reason],
    );
  const at = new Date();
  const body = zipStream(exportEntries(c.env, { app, template, counts, at }), at);
  const day = at.toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${app.slug}-export-${day}.zip"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

/** The request body is a zip (`application/zip`), read under MAX_IMPORT_BYTES. */
importRoutes.post("/", async (c) => {
  const target = await requireOwnedAppWithTemplate(c);
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/(zip|x-zip-compressed|octet-stream)\b/i.test(type))
    throw new ApiError(415, "unsupported_media_type", "Send the export zip itself with Content-Type: application/zip.");
  const bytes = await readBytes(c.req.raw, MAX_IMPORT_BYTES).catch((err: unknown) => {
    throw err instanceof ApiError && err.status === 413 ? importTooLarge() : err;
  });
  const summary = await importExport(c.env, target, bytes);
  return c.json(shape("imported", summary), 200);
});
