import { Hono } from "hono";
import { z } from "zod";
import { ApiError, notFound, payloadTooLarge } from "../../errors";
import { jsonBody } from "../../http/body";
import { r2Keys } from "../../apps/r2-keys";
import {
  checkEdits,
  defaultBlanks,
  MAX_SOURCES_BYTES,
  readSources,
  sourcesBytes,
  writeSources,
} from "../../publish/sources";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { requireOwnedAppWithTemplate } from "./owned-app";

/** `GET|PUT /api/apps/:slug/files`: an app's blanks, the only files a creator may change (I9). */
export const fileRoutes = new Hono<StudioEnv>();

// Keys are checked one by one in checkEdits (with file names in the message), not by the schema.
const putFilesSchema = z.object({ files: z.record(z.string(), z.string()) }).strict();

fileRoutes.get("/", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const files = await readSources(c.env, app.id, template);
  const blanks = template.manifest.blanks.map((b) => ({ path: b.path, title: b.title, purpose: b.purpose }));
  return c.json(shape("files", { files, blanks }));
});

/**
 * Saves some blanks (the others keep their saved content). All-or-nothing: one bad path, locked
 * file, oversize file or credential-shaped string refuses the whole save with every problem,
 * each with file and line, and nothing is written (I8).
 */
fileRoutes.put("/", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const { files: edits } = await jsonBody(c.req.raw, putFilesSchema);
  const problems = checkEdits(template, edits);
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new ApiError(400, "invalid_files", `${first.file}:${first.line} ${first.message}`, {
      extra: {
        problems: problems.map((p) => ({
          file: p.file,
          line: p.line,
          column: p.column,
          message: p.message,
          code: p.code,
        })),
      },
    });
  }
  const merged = { ...(await readSources(c.env, app.id, template)), ...edits };
  const bytes = sourcesBytes(merged);
  if (bytes > MAX_SOURCES_BYTES) {
    throw payloadTooLarge(
      `All blanks together would be ${Math.ceil(bytes / 1024)} KiB; the limit is ${MAX_SOURCES_BYTES / 1024} KiB.`,
    );
  }
  await writeSources(c.env, r2Keys.draft(app.id), merged);
  return c.json(shape("savedFiles", { files: merged, saved: Object.keys(edits).sort() }));
});

const resetSchema = z.object({ path: z.string().max(300) }).strict();

/**
 * `POST /api/apps/:slug/files/reset {path}`: puts one blank back to the template's own content,
 * the way back from a blank broken past repair. The other blanks keep what was saved.
 */
fileRoutes.post("/reset", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const { path } = await jsonBody(c.req.raw, resetSchema);
  const original = defaultBlanks(template);
  if (!Object.hasOwn(original, path)) throw notFound(`This template has no blank called "${path.slice(0, 120)}".`);
  const merged = { ...(await readSources(c.env, app.id, template)), [path]: original[path]! };
  await writeSources(c.env, r2Keys.draft(app.id), merged);
  return c.json(shape("savedFiles", { files: merged, saved: [path] }));
});
