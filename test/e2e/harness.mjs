// E2E harness: a fresh `wrangler dev` on 127.0.0.1 (free port, temp state, D1 migrations applied)
// and a fresh headless Chromium (playwright-core, /usr/bin/chromium, temp profile).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const binDir = join(root, "node_modules", ".bin");
// wrangler needs Node >= 22: put the project's pinned node first on PATH (TOOLCHAIN.md).
const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ""}`, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function runQuiet(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}\n${out.slice(-4000)}`))));
  });
}

/** Starts wrangler dev; resolves when the studio answers. */
export async function startServer({ log = false } = {}) {
  const persist = await mkdtemp(join(tmpdir(), "sandlot-e2e-state-"));
  await runQuiet(join(binDir, "wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  const port = await freePort();
  const inspector = await freePort();
  const child = spawn(
    join(binDir, "wrangler"),
    ["dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", persist,
     // The studio and app hosts carry the port (platform/worker/host.ts compares host:port).
     "--var", `STUDIO_HOST:localhost:${port}`, "--var", `APPS_DOMAIN:localhost:${port}`, "--show-interactive-dev-session=false", "--log-level", log ? "info" : "warn"],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
    if (log) process.stdout.write(d);
  });
  child.stderr.on("data", (d) => {
    output += d;
    if (log) process.stderr.write(d);
  });
  const origin = `http://localhost:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/me`, { headers: { Host: `localhost:${port}` } });
      if (res.status > 0) break;
    } catch {
      /* not yet */
    }
    if (Date.now() - started > 60_000) throw new Error(`wrangler dev did not answer in 60 s:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    origin,
    port,
    appOrigin: (slug) => `http://${slug}.localhost:${port}`,
    output: () => output,
    async stop() {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* gone */
      }
      await new Promise((r) => {
        if (child.exitCode !== null) return r();
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            /* gone */
          }
          r();
        }, 5000);
        child.on("exit", () => {
          clearTimeout(t);
          r();
        });
      });
      await rm(persist, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser({ extraArgs = [] } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  const { chromium } = await import("playwright-core");
  const profile = await mkdtemp(join(tmpdir(), "sandlot-e2e-chrome-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}
