#!/usr/bin/env node
/**
 * `npm run bench`: measured in one run, medians and ratios.
 *   1. Builder: warm build of a template-sized app, esbuild-wasm vs native esbuild (scripts/bench-build.mjs).
 *   2. Publish: `wrangler dev` on 127.0.0.1 (random port, temp --persist-to), sign up, create an app,
 *      publish N times (each a real server build on esbuild-wasm inside workerd), against a baseline
 *      of a trivial authenticated `GET /api/auth/me` in the same process.
 *   2b. Studio: first-load JS (gzip) and the time to an interactive editor in Chromium
 *       (scripts/bench-studio.mjs), on a booking app in the same `wrangler dev`.
 *   3. Conditional lists: the recipe-box rule (`owner | public where shared = true`) with filters,
 *      sort orders and cursors over 1k and 100k documents in one app's Durable Object, inside
 *      workerd (test/bench/conditional-list.bench.test.ts via vitest.bench.config.ts).
 *   4. Auth cost (T49): a refused bogus reset token vs a plain request vs a request that hashes
 *      (test/bench/auth-cost.bench.test.ts, in the same workerd run).
 * Bounded loops; the server is stopped and the temp state removed whatever happens.
 *
 *   node scripts/bench.mjs [--publishes 10] [--runs 20] [--skip-build] [--lists-only] [--studio-only]
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchBuild } from "./bench-build.mjs";
import { benchStudio } from "./bench-studio.mjs";
import { buildVendor } from "./build-vendor.mjs";
import { generateTemplates } from "./gen-templates.mjs";
import { bin, mustRun, root } from "./lib.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Math.max(1, Math.min(200, Number(process.argv[i + 1]) || dflt)) : dflt;
};
const PUBLISHES = arg("--publishes", 10);
const RUNS = arg("--runs", 20);
const LISTS_ONLY = process.argv.includes("--lists-only");
const STUDIO_ONLY = process.argv.includes("--studio-only");
const SKIP_BUILD = LISTS_ONLY || STUDIO_ONLY || process.argv.includes("--skip-build");
const FIXTURE = "sandlot-publish";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(url + "/api/auth/me");
      if (res.status === 401 || res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not answer within ${deadlineMs / 1000} s`);
}

async function timed(fn) {
  const t = performance.now();
  const res = await fn();
  return { ms: performance.now() - t, res };
}

async function benchPublish(log) {
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), "sandlot-bench-"));
  // node_modules/.bin first, as `npm run` does: wrangler needs the pinned Node 24, not the system one.
  const env = {
    ...process.env,
    PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
    WRANGLER_SEND_METRICS: "false",
    CI: "1",
  };
  let child;
  try {
    await mustRun(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    child = spawn(
      bin("wrangler"),
      [
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--persist-to",
        state,
        "--show-interactive-dev-session=false",
        "--var",
        `STUDIO_HOST:127.0.0.1:${port}`,
        "--var",
        `APPS_DOMAIN:localhost:${port}`,
      ],
      {
        cwd: root,
        env,
        stdio: ["ignore", "ignore", "pipe"],
        detached: true,
      },
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    await waitForServer(url, child, 60_000).catch((e) => {
      throw new Error(`${e.message}\n${stderr}`);
    });

    let cookie = "";
    const call = async (method, path, body) => {
      const headers = { cookie, ...(body ? { "content-type": "application/json" } : {}) };
      const res = await fetch(url + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
      const set = res.headers.getSetCookie().map((l) => l.split(";")[0]);
      if (set.length) cookie = set.join("; ");
      const data = await res.json().catch(() => null);
      return { status: res.status, data };
    };
    const signup = await call("POST", "/api/auth/signup", {
      email: `bench-${Date.now()}@example.com`,
      password: "correct horse battery staple",
    });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.data)}`);
    const studioSlug = `bench-studio-${Date.now().toString(36)}`;
    const studioApp = await call("POST", "/api/apps", { slug: studioSlug, template: "booking" });
    if (studioApp.status !== 201) throw new Error(`create app: ${studioApp.status} ${JSON.stringify(studioApp.data)}`);
    const studio = await benchStudio({ url, cookie, slug: studioSlug, runs: Math.min(RUNS, 7), log });
    if (STUDIO_ONLY) return { studio };

    const slug = `bench-${Date.now().toString(36)}`;
    const created = await call("POST", "/api/apps", { slug, template: FIXTURE });
    if (created.status !== 201) throw new Error(`create app: ${created.status} ${JSON.stringify(created.data)}`);

    // Warm-up: the first publish in a fresh isolate pays esbuild-wasm's initialize().
    const first = await timed(() => call("POST", `/api/apps/${slug}/publish`));
    if (first.res.status !== 201) throw new Error(`publish: ${first.res.status} ${JSON.stringify(first.res.data)}`);
    const publishes = [];
    let bytes = 0;
    for (let i = 0; i < PUBLISHES; i++) {
      // A different blank each time, so every publish builds and stores new assets.
      const saved = await call("PUT", `/api/apps/${slug}/files`, {
        files: { "src/blanks/Home.tsx": `export default function Home() {\n  return <h1>Bench run ${i}</h1>;\n}\n` },
      });
      if (saved.status !== 200) throw new Error(`save: ${saved.status}`);
      const p = await timed(() => call("POST", `/api/apps/${slug}/publish`));
      if (p.res.status !== 201) throw new Error(`publish: ${p.res.status} ${JSON.stringify(p.res.data)}`);
      bytes = p.res.data.bytes;
      publishes.push(p.ms);
    }
    const baseline = [];
    for (let i = 0; i < Math.max(PUBLISHES, 20); i++)
      baseline.push((await timed(() => call("GET", "/api/auth/me"))).ms);

    const result = {
      firstPublishMs: first.ms,
      publishMedianMs: median(publishes),
      publishMinMs: Math.min(...publishes),
      baselineMedianMs: median(baseline),
      appBytes: bytes,
      studio,
    };
    log(
      `publish bench: ${PUBLISHES} publishes of a ${FIXTURE} app through wrangler dev (workerd, esbuild-wasm on the server)`,
    );
    log(`  first publish (incl. esbuild-wasm initialize) ${result.firstPublishMs.toFixed(0)} ms`);
    log(
      `  publish median ${result.publishMedianMs.toFixed(1)} ms (min ${result.publishMinMs.toFixed(1)} ms), built app ${(bytes / 1024).toFixed(1)} KiB`,
    );
    log(`  baseline GET /api/auth/me median ${result.baselineMedianMs.toFixed(1)} ms`);
    log(`  ratio publish/baseline ${(result.publishMedianMs / result.baselineMedianMs).toFixed(1)}x`);
    return result;
  } finally {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM"); // the process group we started: wrangler and its workerd
      } catch {
        child.kill("SIGTERM");
      }
    }
    rmSync(state, { recursive: true, force: true });
  }
}

/** Runs the workerd benchmarks (test/bench/) and reads their `BENCH_RESULT {json}` lines, one per kind. */
function benchWorkerd(log) {
  return new Promise((resolve, reject) => {
    execFile(
      bin("vitest"),
      ["run", "--config", "vitest.bench.config.ts"],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}` },
      },
      (err, stdout, stderr) => {
        const results = Object.fromEntries(
          `${stdout}`
            .split("\n")
            .filter((l) => l.includes("BENCH_RESULT "))
            .map((l) => JSON.parse(l.slice(l.indexOf("BENCH_RESULT ") + "BENCH_RESULT ".length)))
            .map((r) => [r.kind, r]),
        );
        const result = results.lists;
        const auth = results["auth-cost"];
        if (!result || !auth)
          return reject(
            new Error(`a workerd bench printed no result${err ? `: ${err.message}` : ""}\n${`${stderr}`.slice(-2000)}`),
          );
        const [small, large] = result.sizes;
        log(
          `list bench: recipe-box, rule "owner | public where shared = true", ${result.runs} runs each, medians through the Worker (ms, workerd clock)`,
        );
        log(
          `  seed ${small}: ${result[`seedMs_${small}`]} ms, ${large}: ${result[`seedMs_${large}`]} ms; first list (builds the indexes) ${result[`firstListMs_${small}`]} / ${result[`firstListMs_${large}`]} ms`,
        );
        log(`  baseline GET /_api/auth/me ${result[`baselineMeMs_${small}`]} / ${result[`baselineMeMs_${large}`]} ms`);
        for (const [name, row] of Object.entries(result.queries)) {
          log(
            `  ${name.padEnd(48)} ${String(row[`ms_${small}`]).padStart(5)} ms @${small}  ${String(row[`ms_${large}`]).padStart(5)} ms @${large}  ratio ${row.ratio.toFixed(2)}x`,
          );
        }
        log("  without the expression indexes (dropped after the runs above):");
        for (const [name, row] of Object.entries(result.withoutIndexes)) {
          log(
            `  ${name.padEnd(48)} ${String(row[`ms_${small}`]).padStart(5)} ms @${small}  ${String(row[`ms_${large}`]).padStart(5)} ms @${large}  ratio ${row.ratio.toFixed(2)}x`,
          );
        }
        const m = auth.medianMs;
        log("");
        log(
          `auth cost (T49): medians through the Worker, ${auth.runs} runs (${auth.hashRuns} for those that hash), ms`,
        );
        log(`  GET /_api/auth/me signed in ${m.plainMe.toFixed(2)}, anonymous 401 ${m.anonymousMe.toFixed(2)}`);
        log(`  POST /_api/auth/reset with a bogus token (400, no hash) ${m.bogusReset.toFixed(2)}`);
        log(`  POST /_api/auth/reset with a real token (one hash) ${m.realReset.toFixed(1)}`);
        log(`  POST /_api/auth/login with a wrong password (one hash) ${m.wrongLogin.toFixed(1)}`);
        log(
          `  bogus reset / plain request ${auth.ratios.bogusResetVsPlain.toFixed(2)}x; real reset / bogus reset ${auth.ratios.realResetVsBogus.toFixed(0)}x`,
        );
        resolve({ lists: result, auth });
      },
    );
  });
}

const log = (s) => console.log(s);
await generateTemplates();
await buildVendor({ log: () => {} });
// The studio is measured as built: web/dist from the current sources.
await mustRun(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
try {
  const build = SKIP_BUILD
    ? { wasmMedianMs: NaN, nativeMedianMs: NaN, ratio: NaN }
    : await benchBuild({ runs: RUNS, log });
  log("");
  const pub = LISTS_ONLY ? null : await benchPublish(log);
  log("");
  if (STUDIO_ONLY) process.exit(0);
  const { lists } = await benchWorkerd(log);
  const worst = Math.max(...Object.values(lists.queries).map((r) => r.ratio));
  log("");
  if (pub) {
    log(
      `summary: studio first-load JS ${pub.studio.entryJsGzipKiB.toFixed(1)} KiB gzip, editor interactive in ${pub.studio.editorInteractiveMedianMs.toFixed(0)} ms (median)`,
    );
    log(
      `summary: warm build wasm ${build.wasmMedianMs.toFixed(1)} ms vs native ${build.nativeMedianMs.toFixed(1)} ms (${build.ratio.toFixed(2)}x); publish ${pub.publishMedianMs.toFixed(0)} ms vs baseline ${pub.baselineMedianMs.toFixed(1)} ms (${(pub.publishMedianMs / pub.baselineMedianMs).toFixed(1)}x)`,
    );
  }
  log(
    `summary: conditional lists at ${lists.sizes[1]} vs ${lists.sizes[0]} documents: largest ratio ${worst.toFixed(2)}x`,
  );
  process.exit(0);
} catch (err) {
  console.error(`bench failed: ${err?.message ?? err}`);
  process.exit(1);
}
