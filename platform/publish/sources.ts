import { checkFiles } from "../../sandbox/build/check";
import { checkFilePath } from "../../sandbox/build/paths";
import type { Env } from "../env";
import type { Template } from "../templates/registry";
import { r2Keys } from "../apps/r2-keys";

/**
 * An app's saved sources: only its blanks, as one JSON object in R2 (`apps/<id>/sources/draft.json`).
 * R2 rather than D1 because blanks are documents up to hundreds of KiB each and D1 rows are
 * capped and billed per row read; R2 reads are strongly consistent, so a publish right after a
 * save builds exactly what was saved. Locked files are never stored: they come from the template.
 */

/** Largest single blank, in UTF-8 bytes. */
export const MAX_BLANK_BYTES = 256 * 1024;
/** Largest total of all of an app's blanks. */
export const MAX_SOURCES_BYTES = 1024 * 1024;

export interface SourceProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  code: string;
}

interface StoredSources {
  files: Record<string, string>;
  savedAt: number;
}

const encoder = new TextEncoder();

/** The template's own content for each blank: what a new app starts with. */
export function defaultBlanks(template: Template): Record<string, string> {
  const out: Record<string, string> = {};
  for (const blank of template.manifest.blanks) out[blank.path] = template.files[blank.path] ?? "";
  return out;
}

function parseStored(text: string): StoredSources | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null) return null;
    const files = (value as { files?: unknown }).files;
    if (typeof files !== "object" || files === null) return null;
    // fromEntries defines own properties, so even a "__proto__" key stays a plain entry.
    const out = Object.fromEntries(
      Object.entries(files).filter((e): e is [string, string] => typeof e[1] === "string"),
    );
    return { files: out, savedAt: Number((value as { savedAt?: unknown }).savedAt) || 0 };
  } catch {
    return null;
  }
}

/**
 * The app's blanks as saved, falling back to the template's for any blank never saved. Paths the
 * template no longer declares as blanks are dropped, so a stale save can never unlock a file.
 */
export async function readSources(
  env: Env,
  appId: string,
  template: Template,
  key = r2Keys.draft(appId),
): Promise<Record<string, string>> {
  const files = defaultBlanks(template);
  const object = await env.BUCKET.get(key);
  const stored = object ? parseStored(await object.text()) : null;
  if (stored)
    for (const path of Object.keys(files)) if (Object.hasOwn(stored.files, path)) files[path] = stored.files[path]!;
  return files;
}

export async function writeSources(env: Env, key: string, files: Record<string, string>): Promise<void> {
  const body: StoredSources = { files, savedAt: Date.now() };
  await env.BUCKET.put(key, JSON.stringify(body), { httpMetadata: { contentType: "application/json" } });
}

/**
 * Checks an edit before it is saved: every path must be a plain VFS path (T44) naming a blank of
 * the template (I9), within the size caps, with no credential-shaped string (T01). All problems
 * are collected, each with file and line.
 */
export function checkEdits(template: Template, edits: Record<string, string>): SourceProblem[] {
  const blanks = new Set(template.manifest.blanks.map((b) => b.path));
  const blankList = [...blanks].join(", ");
  const problems: SourceProblem[] = [];
  const blankEdits: Record<string, string> = {};
  for (const [path, content] of Object.entries(edits)) {
    const shown = JSON.stringify(path).slice(1, -1).slice(0, 120);
    const check = checkFilePath(path);
    if (!check.ok) {
      problems.push({ file: shown, line: 1, column: 1, code: "bad_path", message: `${shown}: ${check.reason}` });
    } else if (!blanks.has(path)) {
      const locked = Object.hasOwn(template.files, path);
      problems.push({
        file: path,
        line: 1,
        column: 1,
        code: locked ? "locked_file" : "unknown_blank",
        message: locked
          ? `${path} is a locked template file; only blanks can be changed (${blankList})`
          : `${path} is not a blank of template "${template.id}"; only blanks can be changed (${blankList})`,
      });
    } else {
      blankEdits[path] = content;
    }
  }
  for (const p of checkFiles({ template, files: blankEdits, maxFileBytes: MAX_BLANK_BYTES })) {
    problems.push({ file: p.file, line: p.line, column: p.column, code: p.code, message: p.message });
  }
  return problems;
}

/** Bytes of a set of sources, for the total cap. */
export function sourcesBytes(files: Record<string, string>): number {
  let n = 0;
  for (const content of Object.values(files)) n += encoder.encode(content).length;
  return n;
}
