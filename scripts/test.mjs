// `npm test`: everything, in order — generate, lint, typecheck, Node-side tests (builder, SDK, CLI,
// deploy dry-run), Worker tests inside real workerd, then browser end-to-end tests in Chromium
// (@playwright/test). Prints each suite's counts and time, then one closing line
// `N passed, N failed` summed over every runner. A suite whose config file is missing is a
// failure with the reason, never a silent skip.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureChromium } from "./ensure-chromium.mjs";
import { prepare } from "./prepare.mjs";
import { bin, root, run } from "./lib.mjs";

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
  suites.push({ name, seconds, ...result });
}

/** The suite cannot run without its config: say so and fail, so a renamed file cannot hide tests. */
function requireFile(relative) {
  if (!existsSync(join(root, relative))) throw new Error(`${relative} is missing, so this suite cannot run`);
}

async function tempReport() {
  const dir = await mkdtemp(join(tmpdir(), "sandlot-test-"));
  return { path: join(dir, "report.json"), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function readJson(path) {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch {
    return null;
  }
}

async function typecheck(tsconfig) {
  requireFile(tsconfig);
  const code = await run(bin("tsc"), ["--noEmit", "-p", tsconfig]);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `tsc exited ${code}` };
}

async function lint() {
  requireFile("biome.json");
  const code = await run(bin("biome"), ["check", "."]);
  return code === 0
    ? { passed: 1, failed: 0 }
    : { passed: 0, failed: 1, note: "npm run lint: biome check found problems" };
}

async function vitest(config) {
  requireFile(config);
  const report = await tempReport();
  try {
    const code = await run(bin("vitest"), [
      "run",
      "--config",
      config,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report.path}`,
    ]);
    const json = await readJson(report.path);
    if (!json) return { passed: 0, failed: 1, note: `vitest exited ${code} without a JSON report` };
    const passed = json.numPassedTests;
    // A file that fails to load fails no test but leaves success false.
    let failed = json.numFailedTests + (json.success === false && json.numFailedTests === 0 ? 1 : 0);
    if (code !== 0 && failed === 0) failed = 1;
    return { passed, failed, note: failed > 0 ? `vitest exited ${code}` : undefined };
  } finally {
    await report.cleanup();
  }
}

async function playwright(configDir) {
  requireFile(join(configDir, "playwright.config.ts"));
  const chromium = ensureChromium();
  if (!chromium.ok) return { passed: 0, failed: 1, note: chromium.message };
  const report = await tempReport();
  try {
    const code = await run(bin("playwright"), ["test", "-c", configDir, "--reporter=list,json"], {
      // prepare() already ran above; serve.mjs skips it.
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: report.path, SANDLOT_E2E_PREPARED: "1" },
    });
    const json = await readJson(report.path);
    if (!json) return { passed: 0, failed: 1, note: `playwright exited ${code} without a JSON report` };
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = json.stats ?? {};
    const notes = [];
    // Retries are off, so flaky means someone turned them on: a test that fails once is a failure.
    let failed = unexpected + flaky + skipped;
    if (flaky) notes.push(`${flaky} flaky`);
    if (skipped) notes.push(`${skipped} did not run`);
    // Errors outside tests (the web server did not start, a file did not load).
    for (const e of json.errors ?? []) notes.push(String(e.message ?? e).split("\n")[0]);
    if ((json.errors?.length ?? 0) > 0 && failed === 0) failed = 1;
    if (code !== 0 && failed === 0) {
      failed = 1;
      notes.push(`playwright exited ${code}`);
    }
    return { passed: expected, failed, note: notes.join("; ") || undefined };
  } finally {
    await report.cleanup();
  }
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
await suite("node tests (vitest.node.config.ts)", () => vitest("vitest.node.config.ts"));
await suite("workerd tests (vitest.config.ts)", () => vitest("vitest.config.ts"));
await suite("browser e2e (Chromium, test/e2e/playwright.config.ts)", () => playwright("test/e2e"));

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
