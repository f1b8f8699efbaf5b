/**
 * Unsaved edits kept in the browser (localStorage, per app): written as the creator types, offered
 * back after a reload or a crash, dropped once saved or discarded. Only blanks that differ from
 * what was saved are kept. Pure over a Storage-like object, so it is tested in Node.
 */

export interface KeptEdits {
  /** When they were last written (ms since the epoch). */
  at: number;
  /** path → content, for blanks that differed from the saved draft. */
  files: Record<string, string>;
}

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const keyFor = (slug: string): string => `sandlot:unsaved:${slug}`;

export function keepEdits(
  storage: StorageLike,
  slug: string,
  draft: Record<string, string>,
  saved: Record<string, string>,
  now: number,
): void {
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(draft)) if (content !== saved[path]) files[path] = content;
  try {
    if (Object.keys(files).length === 0) storage.removeItem(keyFor(slug));
    else storage.setItem(keyFor(slug), JSON.stringify({ at: now, files } satisfies KeptEdits));
  } catch {
    // Full or disabled storage: the beforeunload warning still protects the edits.
  }
}

/** Kept edits that still differ from `saved`; null when there are none (or they are unreadable). */
export function keptEdits(storage: StorageLike, slug: string, saved: Record<string, string>): KeptEdits | null {
  let raw: string | null = null;
  try {
    raw = storage.getItem(keyFor(slug));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== "object" || value === null) return null;
    const files = (value as { files?: unknown }).files;
    if (typeof files !== "object" || files === null) return null;
    const out: Record<string, string> = {};
    for (const [path, content] of Object.entries(files)) {
      // Only blanks the app still has, and only where they differ from what is saved.
      if (typeof content === "string" && Object.hasOwn(saved, path) && saved[path] !== content) out[path] = content;
    }
    if (Object.keys(out).length === 0) return null;
    const at = Number((value as { at?: unknown }).at) || 0;
    return { at, files: out };
  } catch {
    return null;
  }
}

export function dropEdits(storage: StorageLike, slug: string): void {
  try {
    storage.removeItem(keyFor(slug));
  } catch {
    // nothing to do
  }
}
