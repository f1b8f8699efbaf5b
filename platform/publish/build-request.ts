import type { BuildResult } from "../../sandbox/build/types";

/**
 * The contract between the platform Worker and the builder Worker (platform/builder/index.ts),
 * reached by the `BUILDER` service binding. Only data crosses: the template and the saved blanks
 * the server itself holds, never anything a client says about its own build (DESIGN §6).
 */

export interface BuildRequest {
  template: { manifest: unknown; files: Record<string, string> };
  files: Record<string, string>;
}

/** Largest built app (bundle + index.html) a publish may produce. */
export const MAX_APP_BYTES = 2 * 1024 * 1024;

/** The builder Worker's RPC surface, as the platform Worker sees it through the binding. */
export interface BuilderService {
  build(request: BuildRequest): Promise<BuildResult>;
}
