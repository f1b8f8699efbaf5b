// The platform for one e2e run, started by playwright.config.ts (`webServer`): prepares the build
// (unless SANDLOT_E2E_PREPARED=1, set by `npm test`, which already did), applies the D1 migrations
// to a fresh temp state dir, and runs `wrangler dev` on 127.0.0.1:$SANDLOT_E2E_PORT with the studio
// and app hosts carrying that port. Prints `sandlot e2e: ready` once the studio answers (the config
// waits for that line); on SIGTERM stops wrangler and removes the state dir.
import { spawn } from "node:child_process";
import { get } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startModelServer } from "../../scripts/ai-model-server.mjs";
import { freePort, wranglerDevArgs } from "../../scripts/lib.mjs";
import { startDomainsStandin } from "../../scripts/domains-standin.mjs";
import { startOAuthProviderServer } from "../../scripts/oauth-provider-server.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const binDir = join(root, "node_modules", ".bin");
// wrangler needs Node >= 22: the project's pinned node goes first on PATH (TOOLCHAIN.md).
process.env.PATH = `${binDir}${delimiter}${process.env.PATH ?? ""}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };
const port = Number(process.env.SANDLOT_E2E_PORT);
if (!Number.isInteger(port) || port < 1024 || port > 65535) {
  console.error(
    `SANDLOT_E2E_PORT must be a free port (got ${JSON.stringify(process.env.SANDLOT_E2E_PORT)}); playwright.config.ts picks one.`,
  );
  process.exit(2);
}
const host = `localhost:${port}`;

function runQuiet(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}\n${out.slice(-4000)}`)),
    );
  });
}

/** `GET /api/auth/me` on the studio host: 401 once the Worker routes it (0 while not listening). */
function studioStatus() {
  // 127.0.0.1 with the studio's Host (fetch cannot set Host; `localhost` may resolve to ::1).
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path: "/api/auth/me", headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.setTimeout(5000, () => req.destroy());
  });
}

async function waitForStudio(child, output) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`wrangler dev exited early (${child.exitCode}):\n${output().slice(-4000)}`);
    if ((await studioStatus()) === 401) return;
    if (Date.now() - started > 90_000)
      throw new Error(`wrangler dev did not answer in 90 s:\n${output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What wrangler prints on every request without internet (TOOLCHAIN.md): harmless. */
const OFFLINE_NOISE = /Request\.cf|ENOTFOUND workers\.cloudflare\.com|GetAddrInfoReqWrap/;

const started = Date.now();
if (process.env.SANDLOT_E2E_PREPARED !== "1") {
  const { prepare } = await import(join(root, "scripts", "prepare.mjs"));
  await prepare({ web: "build" });
}
const persist = await mkdtemp(join(tmpdir(), "sandlot-e2e-state-"));
let wrangler;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (wrangler && wrangler.exitCode === null) {
    const exited = new Promise((r) => wrangler.once("exit", r));
    wrangler.kill("SIGTERM");
    const timer = setTimeout(() => wrangler.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  await rm(persist, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));

try {
  await runQuiet(join(binDir, "wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  const inspector = await freePort();
  // The AI assistant talks to the local stand-in model server (not a model; docs/ai.md), one per run,
  // unless SANDLOT_AI_STANDIN=0 (npm run eval:ai with a real model configured in .dev.vars).
  const model = process.env.SANDLOT_AI_STANDIN === "0" ? null : await startModelServer();
  const aiVars = model
    ? [
        "--var",
        "AI_PROVIDER:openai-compatible",
        "--var",
        `AI_BASE_URL:http://${model.host}:${model.port}/v1`,
        "--var",
        "AI_MODEL:standin",
      ]
    : [];
  // Extra vars, e.g. SANDLOT_EXTRA_VARS="AI_TOKENS_FREE:100000000" for the eval.
  const extraVars = (process.env.SANDLOT_EXTRA_VARS ?? "")
    .split(",")
    .filter(Boolean)
    .flatMap((v) => ["--var", v]);
  if (model) console.log(`sandlot e2e: model stand-in at http://${model.host}:${model.port}`);
  // Custom domains: TXT proofs over DoH and Cloudflare for SaaS, both against our local stand-in.
  const domains = await startDomainsStandin({ port: Number(process.env.SANDLOT_E2E_DOMAINS_PORT ?? 0) });
  const domainVars = Object.entries(domains.vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  // "Sign in with Google/GitHub" goes to the local server speaking their protocols (docs/oauth.md).
  const oauth = await startOAuthProviderServer();
  const oauthVars = ["--var", `OAUTH_DEV_PROVIDER_URL:${oauth.url}`];
  wrangler = spawn(
    join(binDir, "wrangler"),
    [
      ...wranglerDevArgs({ port, inspectorPort: inspector, persistTo: persist }),
      ...aiVars,
      ...domainVars,
      ...oauthVars,
      ...extraVars,
      "--log-level",
      "warn",
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  // Kept for the error message; forwarded too (but for the offline Request.cf warning), so a
  // Worker exception shows in the test log.
  const forward = (to) => (d) => {
    output += d;
    const kept = String(d)
      .split("\n")
      .filter((l) => l.trim() && !OFFLINE_NOISE.test(l));
    if (kept.length > 0) to.write(`${kept.join("\n")}\n`);
  };
  wrangler.stdout.on("data", forward(process.stdout));
  wrangler.stderr.on("data", forward(process.stderr));
  wrangler.on("exit", (code) => {
    if (!stopping) {
      console.error(`wrangler dev exited (${code}) while tests were running`);
      void stop(1);
    }
  });
  await waitForStudio(wrangler, () => output);
  console.log(`sandlot e2e: ready at http://${host} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  await stop(1);
}
