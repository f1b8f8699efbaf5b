#!/usr/bin/env node
/**
 * `npm run bench`: every path measured in one run, each against a baseline measured in the same
 * run (machines here are shared and noisy, so ratios say more than milliseconds). Writes
 * bench/results.json ({date, machine, results: [{name, median_ms, p95_ms, baseline,
 * baseline_median_ms, ratio, value, unit}]}), prints the table and copies it into README.md.
 *   1. preview-rebuild: a template-sized app rebuilt after an edit of one blank by the studio's
 *      builder on esbuild-wasm vs native esbuild on the same files (bench-build.mjs).
 *   2. `wrangler dev` (bench-serve.mjs): studio first-load JS and editor time, keystroke-to-preview,
 *      publish to the new version's first byte and its phases, the app's own code and vendor
 *      sizes, api-rps under load from a separate process, the assistant's first-token overhead.
 *   3. workerd (vitest.bench.config.ts, test/bench/): conditional lists at 1k/10k/100k documents, list and
 *      search at 1k/100k documents in one collection,
 *      auth cost (T49), and the hot path: Host lookup with the cache vs D1 per request, api-list
 *      and api-create vs a bare read/insert in the same kind of object, the webhook storm, 1/100/
 *      1,000 apps live (latency, and the workerd process's resident memory).
 *   4. worker-bundle-gzip: `wrangler deploy --dry-run` (what would be uploaded), gzip.
 * Benchmarks never fail on time: they fail only when something stops working.
 *
 *   node scripts/bench.mjs [--publishes 8 (at most 9)] [--runs 20] [--load-seconds 5] [--skip-build]
 *     [--skip-serve] [--skip-workerd] [--skip-size]
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchBuild } from "./bench-build.mjs";
import { printTable, row, writeResults } from "./bench-results.mjs";
import { hotPathRows, listRows, searchRows, serveRows } from "./bench-rows.mjs";
import { benchServe } from "./bench-serve.mjs";
import { buildVendor } from "./build-vendor.mjs";
import { generateTemplates } from "./gen-templates.mjs";
import { bin, mustRun, root } from "./lib.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Math.max(1, Math.min(200, Number(process.argv[i + 1]) || dflt)) : dflt;
};
const flag = (name) => process.argv.includes(name);
// The edge limiter allows 10 publishes a minute per creator (wrangler.toml): a warm-up and 8 timed.
const PUBLISHES = Math.min(9, arg("--publishes", 8));
const RUNS = arg("--runs", 20);
const LOAD_SECONDS = arg("--load-seconds", 5);
const PATH_ENV = { ...process.env, PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}` };

/** Runs the workerd benchmarks (test/bench/) and reads their `BENCH_RESULT {json}` lines, one per kind. */
function benchWorkerd() {
  return new Promise((resolve, reject) => {
    execFile(
      bin("vitest"),
      ["run", "--config", "vitest.bench.config.ts", "--maxWorkers=1"],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, env: PATH_ENV },
      (err, stdout, stderr) => {
        const results = Object.fromEntries(
          `${stdout}`
            .split("\n")
            .filter((l) => l.includes("BENCH_RESULT "))
            .map((l) => JSON.parse(l.slice(l.indexOf("BENCH_RESULT ") + "BENCH_RESULT ".length)))
            .map((r) => [r.kind, r]),
        );
        if (!results.lists || !results.search || !results["auth-cost"] || !results["hot-path"])
          return reject(
            new Error(`a workerd bench printed no result${err ? `: ${err.message}` : ""}\n${`${stderr}`.slice(-3000)}`),
          );
        resolve(results);
      },
    );
  });
}

/** What `wrangler deploy -c <config>` would upload for production, gzipped, as wrangler itself reports it. */
function workerBundleGzip(config) {
  const out = mkdtempSync(join(tmpdir(), "sandlot-dry-"));
  return new Promise((resolve, reject) => {
    execFile(
      bin("wrangler"),
      ["deploy", "-c", config, "--dry-run", "--env", "production", "--outdir", out],
      { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...PATH_ENV, WRANGLER_SEND_METRICS: "false", CI: "1" } },
      (err, stdout, stderr) => {
        rmSync(out, { recursive: true, force: true });
        const m = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(`${stdout}\n${stderr}`);
        if (!m)
          return reject(new Error(`wrangler deploy --dry-run: no size${err ? `: ${err.message}` : ""}\n${stderr}`));
        resolve({ uploadBytes: Math.round(Number(m[1]) * 1024), gzipBytes: Math.round(Number(m[2]) * 1024) });
      },
    );
  });
}

const log = (s) => console.log(s);
const started = performance.now();
await generateTemplates();
await buildVendor({ log: () => {} });
// The studio is measured as built: web/dist from the current sources.
await mustRun(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
try {
  const results = [];
  if (!flag("--skip-build")) {
    const b = await benchBuild({ runs: RUNS, log });
    results.push(
      row({
        name: "preview-rebuild",
        median_ms: b.wasmMedianMs,
        p95_ms: b.wasmP95Ms,
        baseline: "native esbuild, same files",
        baseline_median_ms: b.nativeMedianMs,
      }),
    );
    log("");
  }
  if (!flag("--skip-serve")) {
    const s = await benchServe({
      publishes: PUBLISHES,
      runs: RUNS,
      loadSeconds: LOAD_SECONDS,
      studioOnly: flag("--studio-only"),
      log,
    });
    if (flag("--studio-only")) process.exit(0);
    results.push(...serveRows(s));
    log("");
  }
  if (!flag("--skip-workerd")) {
    const w = await benchWorkerd();
    results.push(...listRows(w.lists), ...searchRows(w.search), ...hotPathRows(w["hot-path"]));
    const a = w["auth-cost"];
    results.push(
      row({
        name: "auth-bogus-reset",
        median_ms: a.medianMs.bogusReset,
        baseline: "GET /_api/auth/me",
        baseline_median_ms: a.medianMs.plainMe,
      }),
      row({
        name: "auth-wrong-login",
        median_ms: a.medianMs.wrongLogin,
        baseline: "GET /_api/auth/me",
        baseline_median_ms: a.medianMs.plainMe,
      }),
    );
  }
  if (!flag("--skip-size")) {
    const size = await workerBundleGzip("wrangler.toml");
    const builder = await workerBundleGzip("wrangler.builder.toml");
    results.push(
      row({
        name: "worker-bundle-gzip",
        value: size.gzipBytes,
        unit: "bytes",
        note: `the platform Worker, which serves every app; upload ${size.uploadBytes} bytes before gzip`,
      }),
      row({
        name: "builder-bundle-gzip",
        value: builder.gzipBytes,
        unit: "bytes",
        note: `the builder Worker (esbuild.wasm); upload ${builder.uploadBytes} bytes before gzip`,
      }),
    );
  }
  log("");
  printTable(results, log);
  const doc = writeResults(results);
  log("");
  log(
    `bench/results.json and README.md written (${doc.date}); ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
  );
  process.exit(0);
} catch (err) {
  console.error(`bench failed: ${err?.message ?? err}`);
  process.exit(1);
}
