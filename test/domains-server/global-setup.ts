import type { TestProject } from "vitest/node";
import { startDomainsStandin } from "../../scripts/domains-standin.mjs";

/**
 * Starts the local DNS-over-HTTPS and Cloudflare custom hostnames stand-in (scripts/domains-standin.mjs)
 * once for the run, in Node; tests inside workerd reach it via `inject("domainsApi")`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startDomainsStandin();
  project.provide("domainsApi", { origin: `http://${server.host}:${server.port}`, vars: server.vars });
  return server.close;
}

declare module "vitest" {
  export interface ProvidedContext {
    domainsApi: {
      origin: string;
      vars: { DOMAINS_DOH_URL: string; CF_API_BASE_URL: string; CF_ZONE_ID: string; CF_API_TOKEN: string };
    };
  }
}
