import { workerdConfig } from "./vitest.config";

/**
 * `npm run bench` only (scripts/bench.mjs): the workerd set-up of vitest.config.ts, running the
 * benchmarks under test/bench/ instead of the tests, with passwords hashed at the cost production
 * uses, and a sampler of the workerd process's resident memory (test/bench/rss.global-setup.ts).
 * Benchmarks measure; they assert no timings.
 */
export default workerdConfig({
  include: ["test/bench/**/*.bench.test.ts"],
  passwordHashCost: "production",
  testTimeout: 1_800_000,
  hookTimeout: 600_000,
  extraGlobalSetup: ["./test/bench/rss.global-setup.ts"],
});
