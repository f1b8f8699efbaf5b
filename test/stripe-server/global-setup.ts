import type { TestProject } from "vitest/node";
import { startStripeServer } from "./server.mjs";

/**
 * Starts the Stripe-speaking server once for the whole run (in Node) and tells the tests inside
 * workerd where it is via `inject("stripeApi")`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startStripeServer();
  project.provide("stripeApi", { host: server.host, port: server.port });
  return server.close;
}

declare module "vitest" {
  export interface ProvidedContext {
    stripeApi: { host: string; port: number };
  }
}
