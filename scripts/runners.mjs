// The test runners `npm test` and `npm run attack` share: each runs one tool, reads the JSON
// report it writes, and answers { passed, failed, note?, report } (report: the parsed JSON, for
// the attack table).
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureChromium } from "./ensure-chromium.mjs";
import { bin, root, run } from "./lib.mjs";

/** The suite cannot run without its config: say so and fail, so a renamed file cannot hide tests. */
export function requireFile(relative) {
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

export async function typecheck(tsconfig) {
  requireFile(tsconfig);
  const code = await run(bin("tsc"), ["--noEmit", "-p", tsconfig]);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `tsc exited ${code}` };
}

export async function lint() {
  requireFile("biome.json");
  const code = await run(bin("biome"), ["check", "."]);
  return code === 0
    ? { passed: 1, failed: 0 }
    : { passed: 0, failed: 1, note: "npm run lint: biome check found problems" };
}

export async function vitest(config, files = []) {
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
      ...files,
    ]);
    const json = await readJson(report.path);
    if (!json) return { passed: 0, failed: 1, note: `vitest exited ${code} without a JSON report` };
    const passed = json.numPassedTests;
    // A file that fails to load fails no test but leaves success false.
    let failed = json.numFailedTests + (json.success === false && json.numFailedTests === 0 ? 1 : 0);
    if (code !== 0 && failed === 0) failed = 1;
    return { passed, failed, note: failed > 0 ? `vitest exited ${code}` : undefined, report: json };
  } finally {
    await report.cleanup();
  }
}

export async function playwright(configDir, files = []) {
  requireFile(join(configDir, "playwright.config.ts"));
  const chromium = ensureChromium();
  if (!chromium.ok) return { passed: 0, failed: 1, note: chromium.message };
  const report = await tempReport();
  try {
    const code = await run(bin("playwright"), ["test", "-c", configDir, "--reporter=list,json", ...files], {
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
    return { passed: expected, failed, note: notes.join("; ") || undefined, report: json };
  } finally {
    await report.cleanup();
  }
}
