import type { Env } from "../env";
import type { Template } from "../templates/registry";
import { r2Keys } from "../apps/r2-keys";
import { defaultBlanks } from "./sources";

/**
 * The draft (`apps/<id>/sources/draft.json`) with its revision, for saves that must not overwrite
 * each other. A revision is `r<n>.<R2 etag>`: `n` counts saves and each blank remembers the save
 * that last changed it (`changedAt`), so a stale save can be told which blanks changed since; the
 * etag is what R2's conditional put checks, so two racing saves cannot both win. A draft never
 * saved has revision `r0.none`.
 */

export interface Draft {
  files: Record<string, string>;
  revision: string;
  /** Save counter: 0 before the first save. */
  rev: number;
  /** Per blank, the save number that last changed it. */
  changedAt: Record<string, number>;
  /** The R2 etag of draft.json, null when there is none. */
  etag: string | null;
}

interface StoredDraft {
  files: Record<string, string>;
  savedAt: number;
  rev?: number;
  changedAt?: Record<string, number>;
}

export const NO_DRAFT_REVISION = "r0.none";

export function formatRevision(rev: number, etag: string | null): string {
  return `r${rev}.${etag ?? "none"}`;
}

/** Parses a revision or an If-Match value (`"r3.abc"`, `W/"r3.abc"`, `r3.abc`); null when malformed. */
export function parseRevision(value: string): { rev: number; etag: string | null } | null {
  const m = /^(?:W\/)?"?r(\d{1,9})\.([0-9A-Za-z-]{1,80})"?$/.exec(value.trim());
  if (!m) return null;
  return { rev: Number(m[1]), etag: m[2] === "none" ? null : m[2]! };
}

function ownStrings(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function ownNumbers(value: unknown): Record<string, number> {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1])),
  );
}

/** The draft as saved (blanks only, template defaults for blanks never saved) and its revision. */
export async function readDraft(env: Env, appId: string, template: Template): Promise<Draft> {
  const files = defaultBlanks(template);
  const object = await env.BUCKET.get(r2Keys.draft(appId));
  if (!object) return { files, revision: NO_DRAFT_REVISION, rev: 0, changedAt: {}, etag: null };
  let stored: Partial<StoredDraft> = {};
  try {
    const parsed = JSON.parse(await object.text()) as unknown;
    if (typeof parsed === "object" && parsed !== null) stored = parsed as Partial<StoredDraft>;
  } catch {
    // An unreadable draft counts as the template's defaults; its etag still guards the next save.
  }
  const saved = ownStrings(stored.files);
  for (const path of Object.keys(files)) if (Object.hasOwn(saved, path)) files[path] = saved[path]!;
  const rev = typeof stored.rev === "number" && Number.isInteger(stored.rev) && stored.rev > 0 ? stored.rev : 1;
  return {
    files,
    revision: formatRevision(rev, object.etag),
    rev,
    changedAt: ownNumbers(stored.changedAt),
    etag: object.etag,
  };
}

/** Blanks changed by saves after `sinceRev`, sorted. */
export function changedSince(draft: Draft, sinceRev: number): string[] {
  return Object.keys(draft.files)
    .filter((p) => (draft.changedAt[p] ?? 0) > sinceRev)
    .sort();
}

/**
 * Writes `files` as the next save after `base`, only if draft.json is still what `base` read
 * (R2 conditional put). Returns the new draft, or null when another save got there first.
 */
export async function writeDraftAfter(
  env: Env,
  appId: string,
  base: Draft,
  files: Record<string, string>,
): Promise<Draft | null> {
  const rev = base.rev + 1;
  const changedAt = { ...base.changedAt };
  for (const [path, content] of Object.entries(files)) if (base.files[path] !== content) changedAt[path] = rev;
  const body: StoredDraft = { files, savedAt: Date.now(), rev, changedAt };
  const onlyIf = new Headers(base.etag ? { "If-Match": `"${base.etag}"` } : { "If-None-Match": "*" });
  const put = await env.BUCKET.put(r2Keys.draft(appId), JSON.stringify(body), {
    httpMetadata: { contentType: "application/json" },
    onlyIf,
  });
  if (!put) return null;
  return { files, revision: formatRevision(rev, put.etag), rev, changedAt, etag: put.etag };
}

/** Saves made over the draft by the server (reset a blank, restore a version) retry this many times. */
const OVERWRITE_ATTEMPTS = 3;

/**
 * Puts `changes` over the draft as one more save, whatever revision the creator's tabs hold (their
 * next If-Match save then conflicts, as it should). Retried on a fresh read when another save lands
 * first; null when every attempt lost.
 */
export async function saveOverDraft(
  env: Env,
  appId: string,
  template: Template,
  changes: Record<string, string>,
): Promise<Draft | null> {
  for (let attempt = 0; attempt < OVERWRITE_ATTEMPTS; attempt++) {
    const current = await readDraft(env, appId, template);
    const written = await writeDraftAfter(env, appId, current, { ...current.files, ...changes });
    if (written) return written;
  }
  return null;
}
