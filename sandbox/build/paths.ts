/**
 * Paths of the per-app virtual file system (T44). Every file key and every relative import is
 * normalised here; anything that could address outside the app's tree is refused, never fixed up.
 */

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

export const MAX_PATH_LENGTH = 200;
const SAFE_CHARS = /^[A-Za-z0-9._\-@/]+$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** The only roots an app file may live under. */
export function isInsideAppRoot(path: string): boolean {
  return path === "index.html" || (path.startsWith("src/") && path.length > 4);
}

function refuseRaw(raw: string): string | undefined {
  if (raw.length === 0) return "empty path";
  if (raw.length > MAX_PATH_LENGTH) return `path longer than ${MAX_PATH_LENGTH} characters`;
  if (raw.includes("\0")) return "path contains a NUL byte";
  if (raw.includes("\\")) return "path contains a backslash; use / between folders";
  if (raw.includes("%")) return "percent-encoded paths (%2e, %2f, …) are not allowed";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(raw)) return "path contains a control character";
  if (raw.startsWith("/")) return "absolute paths are not allowed";
  if (SCHEME.test(raw)) return "paths may not start with a scheme or drive letter";
  return undefined;
}

/**
 * A file key of the app's VFS: "index.html" or "src/…", made of plain segments only.
 * Refuses (does not repair) `..`, `.`, empty segments, hidden files, absolute paths,
 * backslashes, NUL, percent-encoding and anything outside src/ and index.html.
 */
export function checkFilePath(raw: string): PathCheck {
  if (typeof raw !== "string") return { ok: false, reason: "path must be a string" };
  const bad = refuseRaw(raw);
  if (bad) return { ok: false, reason: bad };
  if (!SAFE_CHARS.test(raw)) return { ok: false, reason: "path may only use letters, digits, . _ - @ and /" };
  for (const seg of raw.split("/")) {
    if (seg === "..") return { ok: false, reason: "path contains a '..' segment" };
    if (seg === ".") return { ok: false, reason: "path contains a '.' segment" };
    if (seg === "") return { ok: false, reason: "path contains an empty segment (//) or a trailing /" };
    if (seg.startsWith(".")) return { ok: false, reason: "hidden files (starting with .) are not allowed" };
  }
  if (!isInsideAppRoot(raw)) return { ok: false, reason: "files must be index.html or live under src/" };
  return { ok: true, path: raw };
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/**
 * Join a relative import specifier ("./x", "../y/z") onto the importer's folder inside a VFS.
 * `..` is fine while it stays inside the tree; climbing above the root is refused.
 * Returns the normalised path without checking existence.
 */
export function joinRelative(importerDir: string, spec: string): PathCheck {
  const bad = refuseRaw(spec);
  if (bad) return { ok: false, reason: bad };
  if (!SAFE_CHARS.test(spec)) return { ok: false, reason: "import path may only use letters, digits, . _ - @ and /" };
  const out = importerDir === "" ? [] : importerDir.split("/");
  const segs = spec.split("/");
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] ?? "";
    if (seg === ".") continue;
    if (seg === "") {
      if (i === segs.length - 1) continue; // "./dir/" trailing slash
      return { ok: false, reason: "import path contains an empty segment (//)" };
    }
    if (seg === "..") {
      if (out.length === 0) return { ok: false, reason: "import climbs above the app's root" };
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return { ok: true, path: out.join("/") };
}
