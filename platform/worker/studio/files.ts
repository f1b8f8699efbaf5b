import { Hono } from "hono";
import { ApiError, notFound, payloadTooLarge } from "../../errors";
import { jsonBody } from "../../http/body";
import {
  changedSince,
  type Draft,
  parseRevision,
  readDraft,
  saveOverDraft,
  writeDraftAfter,
} from "../../publish/draft";
import { checkEdits, defaultBlanks, MAX_SOURCES_BYTES, sourcesBytes } from "../../publish/sources";
import type { StudioEnv } from "./context";
import { shape } from "./contract";
import { studioBodies } from "./requests";
import { requireOwnedAppWithTemplate } from "./owned-app";

/** `GET|PUT /api/apps/:slug/files`: an app's blanks, the only files a creator may change (I9). */
export const fileRoutes = new Hono<StudioEnv>();

/** Racing saves without If-Match (older CLIs) are merged again on a fresh read, this many times. */
const MERGE_ATTEMPTS = 3;

fileRoutes.get("/", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const draft = await readDraft(c.env, app.id, template);
  const blanks = template.manifest.blanks.map((b) => ({ path: b.path, title: b.title, purpose: b.purpose }));
  c.header("ETag", `"${draft.revision}"`);
  c.header("Cache-Control", "no-store");
  return c.json(shape("files", { files: draft.files, blanks, revision: draft.revision }));
});

/** Every attempt lost to another save landing at the same moment: rare, and safe to retry. */
export function raceLost(): ApiError {
  return new ApiError(409, "conflict", "Another save landed at the same moment. Try again.", { extra: { blanks: [] } });
}

function conflict(current: Draft, blanks: string[]): ApiError {
  const named = blanks.length > 0 ? blanks.join(", ") : "the draft";
  return new ApiError(409, "conflict", `These blanks were changed elsewhere since you opened them: ${named}.`, {
    extra: { blanks, revision: current.revision },
  });
}

/** The blanks a stale save collides on: changed by later saves, or (history unknown) differing from it. */
function collisions(current: Draft, baseRev: number, edits: Record<string, string>): string[] {
  const later = changedSince(current, baseRev);
  if (later.length > 0) return later;
  return Object.keys(edits)
    .filter((p) => current.files[p] !== edits[p])
    .sort();
}

/**
 * Saves some blanks (the others keep their saved content). All-or-nothing: one bad path, locked
 * file, oversize file or credential-shaped string refuses the whole save with every problem,
 * each with file and line, and nothing is written (I8). With `If-Match: "<revision>"` a save made on
 * a stale revision answers 409 `conflict` naming the blanks changed since, and writes nothing;
 * without it (older CLIs) the edits are merged onto whatever is saved. Either way the write is a
 * conditional put on the draft's etag, so of two racing saves only one can win.
 */
fileRoutes.put("/", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const { files: edits } = await jsonBody(c.req.raw, studioBodies.putFiles);
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
  const ifMatch = c.req.header("If-Match");
  const base = ifMatch === undefined ? null : parseRevision(ifMatch);
  if (ifMatch !== undefined && !base) {
    throw new ApiError(400, "invalid_revision", "If-Match must be a revision from GET /api/apps/:slug/files.");
  }
  for (let attempt = 1; ; attempt++) {
    const current = await readDraft(c.env, app.id, template);
    if (base && base.etag !== current.etag) throw conflict(current, collisions(current, base.rev, edits));
    const merged = { ...current.files, ...edits };
    const bytes = sourcesBytes(merged);
    if (bytes > MAX_SOURCES_BYTES) {
      throw payloadTooLarge(
        `All blanks together would be ${Math.ceil(bytes / 1024)} KiB; the limit is ${MAX_SOURCES_BYTES / 1024} KiB.`,
      );
    }
    const written = await writeDraftAfter(c.env, app.id, current, merged);
    if (written) {
      c.header("ETag", `"${written.revision}"`);
      return c.json(
        shape("savedFiles", { files: merged, saved: Object.keys(edits).sort(), revision: written.revision }),
      );
    }
    // Another save landed between the read and the write: a save on a revision is now stale;
    // a merge without one is redone on the fresh draft.
    if (base || attempt >= MERGE_ATTEMPTS) {
      const fresh = await readDraft(c.env, app.id, template);
      throw conflict(fresh, collisions(fresh, base?.rev ?? current.rev, edits));
    }
  }
});

/**
 * `POST /api/apps/:slug/files/reset {path}`: puts one blank back to the template's own content,
 * the way back from a blank broken past repair. The other blanks keep what was saved.
 */
fileRoutes.post("/reset", async (c) => {
  const { app, template } = await requireOwnedAppWithTemplate(c);
  const { path } = await jsonBody(c.req.raw, studioBodies.resetFile);
  const original = defaultBlanks(template);
  if (!Object.hasOwn(original, path)) throw notFound(`This template has no blank called "${path.slice(0, 120)}".`);
  const saved = await saveOverDraft(c.env, app.id, template, { [path]: original[path] as string });
  if (!saved) throw raceLost();
  c.header("ETag", `"${saved.revision}"`);
  return c.json(shape("savedFiles", { files: saved.files, saved: [path], revision: saved.revision }));
});
