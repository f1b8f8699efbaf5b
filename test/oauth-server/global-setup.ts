import type { TestProject } from "vitest/node";
import { startOAuthProviderServer } from "../../scripts/oauth-provider-server.mjs";

/**
 * Starts the local server speaking Google's OpenID Connect and GitHub's OAuth endpoints once for
 * the run, in Node; tests inside workerd reach it via `inject("oauthApi")` (docs/oauth.md).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startOAuthProviderServer();
  project.provide("oauthApi", { url: server.url });
  return server.close;
}

declare module "vitest" {
  export interface ProvidedContext {
    oauthApi: { url: string };
  }
}
