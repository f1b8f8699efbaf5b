// Browser end-to-end tests: @playwright/test driving Debian's /usr/bin/chromium (never
// `playwright install`: browser downloads fail on these machines) against ONE `wrangler dev` per
// run, started by serve.mjs on a free loopback port. Run: `npx playwright test -c test/e2e`.
import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort } from "../../scripts/lib.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(CHROMIUM)) {
  throw new Error(
    `${CHROMIUM} is missing. Run: node scripts/ensure-chromium.mjs (as root it installs Debian's chromium with apt)`,
  );
}

// Workers load this file again; they inherit the runner's env, so the port is chosen once.
process.env.SANDLOT_E2E_PORT ??= String(await freePort());
const port = process.env.SANDLOT_E2E_PORT;
// The custom-domains stand-in (DoH + Cloudflare API) that serve.mjs starts; domains.e2e.ts sets TXT records there.
process.env.SANDLOT_E2E_DOMAINS_PORT ??= String(await freePort());

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.e2e.ts",
  outputDir: `${root}test-results/e2e`,
  // Tests sign up their own creator and create their own app (fixtures.ts), so any test can run
  // on any worker in any order. 2 workers fit CI's 2 cores; E2E_WORKERS or --workers changes it.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: true,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: "chromium",
    viewport: { width: 1440, height: 900 },
    actionTimeout: 20_000,
    // The trace film strip (a screencast) doubled the CPU of a run; DOM snapshots per action stay.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node test/e2e/serve.mjs",
    cwd: root,
    env: { SANDLOT_E2E_PORT: port, SANDLOT_E2E_DOMAINS_PORT: process.env.SANDLOT_E2E_DOMAINS_PORT },
    wait: { stdout: /sandlot e2e: ready/ },
    stdout: "pipe",
    // Covers a cold `prepare` (vite build) when run on its own.
    timeout: 180_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
