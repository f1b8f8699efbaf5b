import type { TestProject } from "vitest/node";
import { startModelServer } from "../../scripts/ai-model-server.mjs";

/**
 * Starts the local model server (OpenAI-compatible and Anthropic protocols, scripted answers)
 * once for the run, in Node; tests inside workerd reach it via `inject("modelApi")`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startModelServer();
  project.provide("modelApi", { host: server.host, port: server.port });
  return server.close;
}

declare module "vitest" {
  export interface ProvidedContext {
    modelApi: { host: string; port: number };
  }
}
