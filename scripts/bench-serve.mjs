/**
 * The part of `npm run bench` that needs a running server: `wrangler dev` on 127.0.0.1 (random
 * port, temp --persist-to, the model stand-in; bench-platform.mjs), as `npm start` runs it:
 *   - studio: first-load JS and the time to an interactive editor in Chromium (bench-studio.mjs),
 *     and keystroke-to-preview against the studio's own build time (bench-preview.mjs);
 *   - publish: POST /api/apps/:slug/publish (each a real server build on esbuild-wasm in workerd)
 *     to the first byte of the new version at the app origin, and the server's phases (the NDJSON
 *     progress stream), against an authenticated GET /api/auth/me;
 *   - the published app's own code and the shared React vendor files, gzip;
 *   - api-rps: GET /_api/collections/posts under concurrent load from a separate process
 *     (bench-load.mjs), errors counted, against GET /_api/app under the same load;
 *   - the assistant's first token through the studio vs the model stand-in alone (bench-ai.mjs).
 * The server is stopped (its process group) and the temp state removed whatever happens.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { benchAi } from "./bench-ai.mjs";
import { hostRequest, startPlatform } from "./bench-platform.mjs";
import { benchPreview } from "./bench-preview.mjs";
import { median, p95 } from "./bench-results.mjs";
import { benchStudio } from "./bench-studio.mjs";
import { root } from "./lib.mjs";

const FIXTURE = "sandlot-publish";
const LOAD_TEMPLATE = "sandlot-rules"; // a fixture whose rate limits (10 000/min) leave room for load
const PASSWORD = "correct horse battery staple";

function runLoad(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "scripts", "bench-load.mjs"), ...args], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`load: ${code}`))));
  });
}

const gzipLength = (buf) => gzipSync(buf, { level: 9 }).length;

export async function benchServe({ publishes, runs, studioOnly, loadSeconds, log }) {
  const platform = await startPlatform();
  const { port, url } = platform;
  try {
    let cookie = "";
    const call = async (method, path, body, headers = {}) => {
      const res = await fetch(url + path, {
        method,
        headers: { cookie, ...(body ? { "content-type": "application/json" } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const set = res.headers.getSetCookie().map((l) => l.split(";")[0]);
      if (set.length) cookie = set.join("; ");
      const text = await res.text();
      let data = null;
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
      return { status: res.status, data };
    };
    const signup = await call("POST", "/api/auth/signup", {
      email: `bench-${Date.now()}@example.com`,
      password: PASSWORD,
    });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.data)}`);
    const studioSlug = `bench-studio-${Date.now().toString(36)}`;
    const studioApp = await call("POST", "/api/apps", { slug: studioSlug, template: "booking" });
    if (studioApp.status !== 201) throw new Error(`create app: ${studioApp.status} ${JSON.stringify(studioApp.data)}`);
    const studio = await benchStudio({ url, cookie, slug: studioSlug, runs: Math.min(runs, 7), log });
    const preview = await benchPreview({ url, cookie, slug: studioSlug, edits: Math.min(runs, 9), log });
    if (studioOnly) return { studio, preview };

    // Publish: to the first byte of the new version at the app origin, and the server's phases.
    const slug = `bench-${Date.now().toString(36)}`;
    const appHost = `${slug}.localhost:${port}`;
    const created = await call("POST", "/api/apps", { slug, template: FIXTURE });
    if (created.status !== 201) throw new Error(`create app: ${created.status} ${JSON.stringify(created.data)}`);
    const publishOnce = async () => {
      const t = performance.now();
      const res = await call("POST", `/api/apps/${slug}/publish`, undefined, { accept: "application/x-ndjson" });
      if (typeof res.data !== "string") throw new Error(`publish: ${res.status} ${JSON.stringify(res.data)}`);
      const lines = res.data
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const result = lines.find((l) => l.type === "result");
      if (!result) throw new Error(`publish: ${res.status} ${String(res.data).slice(0, 500)}`);
      const page = await hostRequest(port, appHost, "GET", "/");
      const ms = performance.now() - t - (page.ms - page.firstByteMs);
      const phases = Object.fromEntries(
        lines.filter((l) => l.type === "phase" && l.state === "done").map((l) => [l.phase, l.ms]),
      );
      return { ms, publishMs: performance.now() - t - page.ms, phases, html: page.body.toString("utf8") };
    };
    // Warm-up: the first publish in a fresh isolate pays esbuild-wasm's initialize().
    const first = await publishOnce();
    const totals = [];
    const phaseTimes = {};
    let html = first.html;
    for (let i = 0; i < publishes; i++) {
      // A different blank each time, so every publish builds and stores new assets.
      const saved = await call("PUT", `/api/apps/${slug}/files`, {
        files: { "src/blanks/Home.tsx": `export default function Home() {\n  return <h1>Bench run ${i}</h1>;\n}\n` },
      });
      if (saved.status !== 200) throw new Error(`save: ${saved.status}`);
      const p = await publishOnce();
      if (p.html === html) throw new Error("publish: the app origin still served the previous version");
      html = p.html;
      totals.push(p.ms);
      for (const [phase, ms] of Object.entries(p.phases)) {
        phaseTimes[phase] = phaseTimes[phase] ?? [];
        phaseTimes[phase].push(ms);
      }
    }
    const baseline = [];
    for (let i = 0; i < Math.max(publishes, 20); i++) {
      const t = performance.now();
      await call("GET", "/api/auth/me");
      baseline.push(performance.now() - t);
    }

    // The published app's own code and the shared vendor files, as a browser fetches them: the
    // page's scripts and styles, then every module they import, transitively.
    const seen = new Set();
    const queue = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    let appGzip = 0;
    let vendorGzip = 0;
    while (queue.length) {
      const src = queue.shift();
      if (seen.has(src)) continue;
      seen.add(src);
      const res = await hostRequest(port, appHost, "GET", src);
      if (res.status !== 200) throw new Error(`asset ${src}: ${res.status}`);
      if (src.startsWith("/_sandlot/vendor/")) vendorGzip += gzipLength(res.body);
      else appGzip += gzipLength(res.body);
      if (!src.endsWith(".js")) continue;
      const dir = src.slice(0, src.lastIndexOf("/") + 1);
      for (const m of res.body.toString("utf8").matchAll(/["'](\/_sandlot\/vendor\/[^"']+\.js|\.\/[^"']+\.js)["']/g))
        queue.push(m[1].startsWith("./") ? dir + m[1].slice(2) : m[1]);
    }

    // api-rps: a signed-in user's list under load, against the app's own tiny route under the same load.
    const loadSlug = `bench-load-${Date.now().toString(36)}`;
    const loadHost = `${loadSlug}.localhost:${port}`;
    const loadApp = await call("POST", "/api/apps", { slug: loadSlug, template: LOAD_TEMPLATE });
    if (loadApp.status !== 201) throw new Error(`create load app: ${loadApp.status}`);
    const user = await hostRequest(port, loadHost, "POST", "/_api/auth/signup", {
      body: { email: "load@example.com", password: PASSWORD },
    });
    if (user.status !== 201) throw new Error(`load signup: ${user.status} ${user.body.toString().slice(0, 300)}`);
    const userCookie = (user.headers["set-cookie"] ?? []).map((l) => l.split(";")[0]).join("; ");
    for (let i = 0; i < 20; i++) {
      const r = await hostRequest(port, loadHost, "POST", "/_api/collections/posts", {
        body: { title: `post ${i}`, status: "draft" },
        cookie: userCookie,
      });
      if (r.status !== 201) throw new Error(`load seed: ${r.status} ${r.body.toString().slice(0, 300)}`);
    }
    const common = [
      "--port",
      String(port),
      "--host",
      loadHost,
      "--cookie",
      userCookie,
      "--seconds",
      String(loadSeconds),
    ];
    const load = await runLoad([...common, "--path", "/_api/collections/posts?limit=20", "--concurrency", "16"]);
    const loadBaseline = await runLoad([...common, "--path", "/_api/app", "--concurrency", "16"]);

    // AI turn overhead: a fresh creator and app, a few turns (the creator's per-minute turn limit).
    const ai = await benchAi({ port, model: platform.model, turns: Math.min(runs, 6), log });

    const result = {
      firstPublishMs: first.ms,
      publish: { median: median(totals), p95: p95(totals) },
      phases: Object.fromEntries(
        Object.entries(phaseTimes).map(([k, xs]) => [k, { median: median(xs), p95: p95(xs) }]),
      ),
      baseline: { median: median(baseline), p95: p95(baseline) },
      appGzip,
      vendorGzip,
      load,
      loadBaseline,
      studio,
      preview,
      ai,
    };
    log(
      `publish bench: ${publishes} publishes of a ${FIXTURE} app through wrangler dev, to the new version's first byte`,
    );
    log(`  first publish (incl. esbuild-wasm initialize) ${first.ms.toFixed(0)} ms`);
    log(`  publish median ${result.publish.median.toFixed(1)} ms, p95 ${result.publish.p95.toFixed(1)} ms`);
    log(
      `  phases (server, median ms): ${Object.entries(result.phases)
        .map(([k, v]) => `${k} ${v.median}`)
        .join(", ")}`,
    );
    log(`  baseline GET /api/auth/me median ${result.baseline.median.toFixed(1)} ms`);
    log(`  app code ${(appGzip / 1024).toFixed(1)} KiB gzip, shared vendor ${(vendorGzip / 1024).toFixed(1)} KiB gzip`);
    log(
      `api load (${loadSeconds} s, 16 connections, separate process): list ${load.rps.toFixed(0)} req/s (${load.errors} errors of ${load.requests}), /_api/app ${loadBaseline.rps.toFixed(0)} req/s (${loadBaseline.errors} errors)`,
    );
    return result;
  } finally {
    await platform.stop();
  }
}
