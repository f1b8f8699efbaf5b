import { WorkerEntrypoint } from "cloudflare:workers";
import { build } from "../../sandbox/build/index";
import { initEsbuildWorkerd } from "../../sandbox/build/init-workerd";
import type { BuildResult } from "../../sandbox/build/types";
import { KIT_SOURCE, SDK_SOURCE, VENDOR_MAP } from "../../sandbox/vendor/dist/files";
import type { Manifest } from "../manifest/schema";
import { type BuildRequest, MAX_APP_BYTES } from "../publish/build-request";

/**
 * The builder Worker (wrangler.builder.toml): esbuild-wasm and the builder, and nothing else. The
 * platform Worker calls `build` over its `BUILDER` service binding; it has no route, no binding
 * and no secret, so a build sees no env (T02), and an isolate that serves apps never loads
 * esbuild.wasm. initialize() runs once per builder isolate.
 */
export default class Builder extends WorkerEntrypoint {
  async build(request: BuildRequest): Promise<BuildResult> {
    const esbuild = await initEsbuildWorkerd();
    return build({
      template: { manifest: request.template.manifest as Manifest, files: request.template.files },
      files: request.files,
      esbuild,
      vendor: VENDOR_MAP,
      maxBytes: MAX_APP_BYTES,
      ...(SDK_SOURCE ? { sdkSource: SDK_SOURCE } : {}),
      ...(KIT_SOURCE ? { kitSource: KIT_SOURCE } : {}),
    });
  }

  /** Not reachable from outside (no route); anything that does arrive gets nothing. */
  override fetch(): Response {
    return new Response(null, { status: 404 });
  }
}
