// `npm test`: everything, in order — generate, typecheck, Node-side tests (builder, SDK, CLI,
// deploy dry-run), Worker tests inside real workerd, then browser end-to-end tests in Chromium.
// Prints one closing line `N passed, N failed` summed over every runner.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepare } from "./prepare.mjs";
import { bin, root, run } from "./lib.mjs";

const totals = { passed: 0, failed: 0, suites: [] };

async function vitest(name, config) {
  const dir = await mkdtemp(join(tmpdir(), "sandlot-test-"));
  const out = join(dir, "report.json");
  console.log(`\n▶ ${name} (${config})`);
  const code = await run(bin("vitest"), ["run", "--config", config, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  let passed = 0;
  let failed = 0;
  try {
    const report = JSON.parse(await readFile(out, "utf8"));
    passed = report.numPassedTests;
    failed = report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0);
  } catch {
    failed = 1;
  }
  if (code !== 0 && failed === 0) failed = 1;
  await rm(dir, { recursive: true, force: true });
  totals.passed += passed;
  totals.failed += failed;
  totals.suites.push(`${name}: ${passed} passed, ${failed} failed`);
}

async function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const code = await run(cmd, args);
  if (code === 0) totals.passed += 1;
  else totals.failed += 1;
  totals.suites.push(`${name}: ${code === 0 ? "ok" : `failed (exit ${code})`}`);
}

await prepare({ web: "build" });

await step("typecheck (worker)", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
for (const extra of ["web/tsconfig.json", "sandbox/build/tsconfig.node.json", "sandbox/sdk/tsconfig.json", "sandbox/kit/tsconfig.json"]) {
  if (existsSync(join(root, extra))) await step(`typecheck (${extra})`, bin("tsc"), ["--noEmit", "-p", extra]);
}
if (existsSync(join(root, "vitest.node.config.ts"))) await vitest("node tests", "vitest.node.config.ts");
await vitest("workerd tests", "vitest.config.ts");
if (existsSync(join(root, "test", "e2e", "run.mjs"))) {
  await step("browser e2e (Chromium)", process.execPath, [join(root, "test", "e2e", "run.mjs")]);
}

console.log("\n" + totals.suites.map((s) => `  ${s}`).join("\n"));
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
