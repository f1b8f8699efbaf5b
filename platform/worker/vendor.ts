import { VENDOR_FILES } from "../../sandbox/vendor/dist/files";
import { VENDOR_URL_PREFIX } from "../../sandbox/vendor/index";

/**
 * The shared React vendor files at `/_sandlot/vendor/<file>`, on every app origin and on the
 * studio origin. They are bundled into the Worker as an ordinary module (sandbox/vendor/dist/
 * files.ts, ~220 KiB of JS): served from memory with no R2 read, always present before the first
 * publish, and versioned with the Worker that built the apps referencing them. Names are
 * content-hashed, so responses are immutable.
 */

export { VENDOR_URL_PREFIX };

/**
 * The response for a vendor path, or null when the path names no vendor file. `crossOrigin`
 * adds `Access-Control-Allow-Origin: *`, used only on the studio origin: the preview iframe is
 * sandboxed (origin "null") and module scripts are fetched in CORS mode.
 */
export function vendorResponse(pathname: string, options: { crossOrigin: "allow" | "deny" }): Response | null {
  if (!pathname.startsWith(VENDOR_URL_PREFIX)) return null;
  const name = pathname.slice(VENDOR_URL_PREFIX.length);
  const file = Object.hasOwn(VENDOR_FILES, name) ? VENDOR_FILES[name] : undefined;
  if (!file) return null;
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Cache-Control": "public, max-age=31536000, immutable",
  });
  if (options.crossOrigin === "allow") {
    headers.set("Access-Control-Allow-Origin", "*");
    // Readable cross-origin by the sandboxed preview; the files are public code.
    headers.set("Cross-Origin-Resource-Policy", "cross-origin");
  }
  return new Response(file.body, { headers });
}
