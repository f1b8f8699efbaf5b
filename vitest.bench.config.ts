import { workerdConfig } from "./vitest.config";

/**
 * `npm run bench` only (scripts/bench.mjs): the workerd set-up of vitest.config.ts, running the
 * benchmarks under test/bench/ instead of the tests, with passwords hashed at the cost production
 * uses. Benchmarks measure; they assert no timings.
 */
export default workerdConfig({
  include: ["test/bench/**/*.bench.test.ts"],
  passwordHashCost: "production",
  testTimeout: 1_800_000,
  hookTimeout: 600_000,
});
