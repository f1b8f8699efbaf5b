// `npm test`: everything, in order — generate, lint, typecheck, Node-side tests (builder, SDK, CLI,
// deploy dry-run), Worker tests inside real workerd, then browser end-to-end tests in Chromium
// (@playwright/test). Prints each suite's counts and time, then one closing line
// `N passed, N failed` summed over every runner. A suite whose config file is missing is a
// failure with the reason, never a silent skip.
import { casesFromPlaywright, casesFromVitest, printThreatTable, readThreats, threatRows } from "./attack-report.mjs";
import { prepare } from "./prepare.mjs";
import { lint, playwright, typecheck, vitest } from "./runners.mjs";

/** @type {Array<{ name: string, passed: number, failed: number, seconds: number, note?: string }>} */
const suites = [];

/** Runs one suite, times it, and records what it reports (a throw counts as one failure). */
async function suite(name, body) {
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  let result;
  try {
    result = await body();
  } catch (err) {
    result = { passed: 0, failed: 1, note: err instanceof Error ? err.message : String(err) };
  }
  const seconds = (performance.now() - started) / 1000;
  if (result.note && result.failed > 0) console.log(`✗ ${name}: ${result.note}`);
  const { report: _report, ...counts } = result;
  suites.push({ name, seconds, ...counts });
}

const started = performance.now();
await prepare({ web: "build" });

await suite("lint (biome check)", lint);
for (const tsconfig of [
  "tsconfig.json",
  "web/tsconfig.json",
  "sandbox/build/tsconfig.node.json",
  "sandbox/sdk/tsconfig.json",
  "sandbox/kit/tsconfig.json",
  "test/e2e/tsconfig.json",
]) {
  await suite(`typecheck (${tsconfig})`, () => typecheck(tsconfig));
}
const reports = {};
await suite("node tests (vitest.node.config.ts)", async () => (reports.node = await vitest("vitest.node.config.ts")));
await suite("workerd tests (vitest.config.ts)", async () => (reports.workerd = await vitest("vitest.config.ts")));
await suite("browser e2e (Chromium, test/e2e/playwright.config.ts)", async () =>
  (reports.chromium = await playwright("test/e2e")));
// The attacks already ran above; this reads their outcomes per threat id (scripts/attack-report.mjs).
await suite("attack table (docs/threats.md)", async () => {
  const cases = [
    ...casesFromVitest("node", reports.node?.report),
    ...casesFromVitest("workerd", reports.workerd?.report),
    ...casesFromPlaywright(reports.chromium?.report),
  ];
  const problems = printThreatTable(threatRows(await readThreats(), cases));
  return problems === 0
    ? { passed: 1, failed: 0 }
    : { passed: 0, failed: 1, note: `${problems} attacks leaked, did not run, or cite an unknown id` };
});

const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
const seconds = (s) => `${s.toFixed(1)} s`;
console.log("");
for (const s of suites) {
  console.log(
    `  ${s.failed > 0 ? "✗" : "✓"} ${s.name}: ${s.passed} passed, ${s.failed} failed (${seconds(s.seconds)})${s.note ? ` — ${s.note}` : ""}`,
  );
}
console.log(`  total time ${seconds((performance.now() - started) / 1000)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
