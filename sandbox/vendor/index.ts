/**
 * The shared React vendor: React, its JSX runtime and react-dom/client, bundled once by
 * scripts/build-vendor.mjs into sandbox/vendor/dist/ with content-hashed names, and served on
 * every app origin under VENDOR_URL_PREFIX with immutable caching. The builder marks these
 * specifiers external and rewrites them to the URLs in `imports`, so every app shares one
 * cached copy of React instead of bundling its own.
 *
 * This module is runtime-neutral (browser, Node, workerd): no node: imports.
 */

export const VENDOR_URL_PREFIX = "/_sandlot/vendor/";

export interface VendorFile {
  /** File name inside sandbox/vendor/dist/, served at VENDOR_URL_PREFIX + path. */
  path: string;
  contentType: string;
}

export interface VendorMap {
  /** Bare specifier → absolute URL path, e.g. "react" → "/_sandlot/vendor/react-3F9A1C2B.js". */
  imports: Record<string, string>;
  /** Every file that must be served (entries and shared chunks). */
  files: VendorFile[];
}

export type VendorMapResult = { ok: true; vendor: VendorMap } | { ok: false; error: string };

const FILE_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:js|css|map)$/;
const SPECIFIER = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validate a parsed vendor.json. The URLs end up verbatim in every app bundle, so each one must
 * be a plain file name under VENDOR_URL_PREFIX that is listed in `files`.
 */
export function parseVendorMap(value: unknown): VendorMapResult {
  if (!isRecord(value)) return { ok: false, error: "vendor map must be an object" };
  const rawImports = value.imports;
  const rawFiles = value.files;
  if (!isRecord(rawImports)) return { ok: false, error: "vendor map: imports must be an object" };
  if (!Array.isArray(rawFiles)) return { ok: false, error: "vendor map: files must be an array" };
  const files: VendorFile[] = [];
  for (const f of rawFiles) {
    if (!isRecord(f) || typeof f.path !== "string" || typeof f.contentType !== "string") {
      return { ok: false, error: "vendor map: each file needs path and contentType" };
    }
    if (!FILE_NAME.test(f.path)) return { ok: false, error: `vendor map: bad file name ${JSON.stringify(f.path)}` };
    files.push({ path: f.path, contentType: f.contentType });
  }
  const known = new Set(files.map((f) => VENDOR_URL_PREFIX + f.path));
  const imports: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [spec, url] of Object.entries(rawImports)) {
    if (!SPECIFIER.test(spec)) return { ok: false, error: `vendor map: bad specifier ${JSON.stringify(spec)}` };
    if (typeof url !== "string" || !known.has(url)) {
      return { ok: false, error: `vendor map: ${spec} must map to a listed file under ${VENDOR_URL_PREFIX}` };
    }
    imports[spec] = url;
  }
  return { ok: true, vendor: { imports, files } };
}

/** Browser / Web Worker loader: fetch vendor.json from the given URL and validate it. */
export async function fetchVendorMap(url: string, fetchImpl: typeof fetch = fetch): Promise<VendorMapResult> {
  let res: Response;
  try {
    res = await fetchImpl(url);
  } catch (err) {
    return { ok: false, error: `vendor map: fetch failed: ${String(err)}` };
  }
  if (!res.ok) return { ok: false, error: `vendor map: HTTP ${res.status}` };
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    return { ok: false, error: "vendor map: not JSON" };
  }
  return parseVendorMap(json);
}
