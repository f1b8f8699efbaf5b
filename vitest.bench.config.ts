import base from "./vitest.config";

/**
 * `npm run bench` only (scripts/bench.mjs): the workerd set-up of vitest.config.ts, running the
 * benchmarks under test/bench/ instead of the tests. Benchmarks measure; they assert no timings.
 */
export default {
  ...base,
  test: { ...base.test, include: ["test/bench/**/*.bench.test.ts"], testTimeout: 1_800_000, hookTimeout: 600_000 },
};
