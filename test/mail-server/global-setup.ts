import type { TestProject } from "vitest/node";
import { startMailServer } from "./server.mjs";

/**
 * Starts the Resend-speaking mail server once for the whole run (in Node) and tells the tests
 * inside workerd where it is via `inject("mailApi")`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startMailServer();
  project.provide("mailApi", { host: server.host, port: server.port });
  return server.close;
}

declare module "vitest" {
  export interface ProvidedContext {
    mailApi: { host: string; port: number };
  }
}
