import { build, type BuildResult } from "../../sandbox/build/index";
import { initEsbuildWorkerd } from "../../sandbox/build/init-workerd";
import { KIT_SOURCE, SDK_SOURCE, VENDOR_MAP } from "../../sandbox/vendor/dist/files";
import type { Template } from "../templates/registry";

/**
 * The server-side build of a publish: the same builder the studio runs in the browser, here on
 * esbuild-wasm inside workerd, fed only what the server itself holds: the template from the
 * Worker bundle, the saved blanks from R2, the vendor map, SDK and kit from the Worker bundle. Nothing
 * a client sends about its own build is trusted (DESIGN §6). No env or secret is in scope (T02).
 */

/** Largest built app (bundle + index.html) a publish may produce. */
export const MAX_APP_BYTES = 2 * 1024 * 1024;

export async function buildOnServer(template: Template, files: Record<string, string>): Promise<BuildResult> {
  const esbuild = await initEsbuildWorkerd();
  return build({
    template: { manifest: template.manifest, files: template.files },
    files,
    esbuild,
    vendor: VENDOR_MAP,
    maxBytes: MAX_APP_BYTES,
    ...(SDK_SOURCE ? { sdkSource: SDK_SOURCE } : {}),
    ...(KIT_SOURCE ? { kitSource: KIT_SOURCE } : {}),
  });
}
