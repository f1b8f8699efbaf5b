// @ts-expect-error plain ESM without types
import { ensureGenerated } from "../../scripts/prepare.mjs";

/**
 * Runs first (vitest.config.ts globalSetup): generates what the Worker imports and git does not hold
 * (the templates bundle, the vendor files), so `npx vitest run --config vitest.config.ts <file>`
 * works straight after `npm install`, with no separate prepare step.
 */
export default async function setup(): Promise<void> {
  const made = (await ensureGenerated()) as string[];
  if (made.length > 0) console.log(`generated before the run: ${made.join(", ")}`);
}
