import type { BuildResult } from "../../sandbox/build/types";
import type { Env } from "../env";
import type { Template } from "../templates/registry";

/**
 * The server-side build of a publish (and of an AI proposal's check): the same builder the studio
 * runs in the browser, on esbuild-wasm inside workerd, in the builder Worker (platform/builder/)
 * behind the `BUILDER` service binding, so the Worker that serves apps carries no esbuild.wasm.
 * It is fed only what the server itself holds: the template from the Worker bundle and the saved
 * blanks from R2; the vendor map, SDK and kit are the builder's own. Nothing a client sends about
 * its own build is trusted (DESIGN §6). No env or secret crosses the binding (T02).
 */
export function buildOnServer(env: Env, template: Template, files: Record<string, string>): Promise<BuildResult> {
  return env.BUILDER.build({ template: { manifest: template.manifest, files: template.files }, files });
}
