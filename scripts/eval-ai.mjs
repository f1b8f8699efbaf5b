// `npm run eval:ai`: measures the assistant like v0 does, against whatever model is configured
// (AI_* in .dev.vars; docs/ai.md), on a fresh local platform (test/e2e/serve.mjs on a free port):
// for a fixed set of prompts per template (scripts/eval-ai/prompts.mjs), how many proposals build
// on the first try, within 3 rounds, render in headless Chromium without a runtime error, and the
// tokens per successful proposal. `--standin` uses the local stand-in model server instead (it
// tests the harness, not a model) and also reports the latency the platform adds between the
// model's first token and the studio's. Not part of `npm test`: it needs a real model.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { formatReport, runEval, summarize } from "./eval-ai/harness.mjs";
import { PROMPTS } from "./eval-ai/prompts.mjs";
import { freePort, root } from "./lib.mjs";

const standin = process.argv.includes("--standin");
const only = process.argv.find((a) => a.startsWith("--template="))?.slice("--template=".length);

const port = await freePort();
const server = spawn(process.execPath, [join(root, "test/e2e/serve.mjs")], {
  cwd: root,
  env: {
    ...process.env,
    SANDLOT_E2E_PORT: String(port),
    SANDLOT_AI_STANDIN: standin ? "1" : "0",
    SANDLOT_EXTRA_VARS: "AI_TOKENS_FREE:100000000,AI_TURNS_PER_MINUTE:1000",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
let modelControl = null;
await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    const m = /model stand-in at (http:\/\/\S+)/.exec(out);
    if (m) modelControl = m[1];
    if (/sandlot e2e: ready/.test(out)) resolve();
  });
  server.on("exit", (code) => reject(new Error(`the platform exited (${code})`)));
});
const stop = () => server.kill("SIGTERM");

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
try {
  const prompts = only ? { [only]: PROMPTS[only] ?? [] } : PROMPTS;
  const results = await runEval({
    studioUrl: `http://localhost:${port}`,
    appUrl: (slug) => `http://${slug}.localhost:${port}/`,
    prompts,
    browser,
    onResult: (r) => console.log(`  … ${r.template} ${r.blank}: ${r.built ? "proposal" : "none"}`),
  });
  console.log(`\n${formatReport(results, summarize(results))}`);
  if (modelControl) {
    // The model server stamps its first token; the harness stamps the studio's. Same machine, same clock.
    const { requests } = await (await fetch(`${modelControl}/__control/requests`)).json();
    const added = results
      .filter((r) => r.firstTextAt && r.sentAt)
      .map((r) => {
        const first = requests.find((q) => q.at >= r.sentAt && q.firstTokenAt);
        return first ? r.firstTextAt - first.firstTokenAt : null;
      })
      .filter((x) => x !== null)
      .sort((a, b) => a - b);
    if (added.length > 0) {
      const median = added[Math.floor(added.length / 2)];
      console.log(
        `platform-added latency, model's first token → studio's first token: median ${median} ms, min ${added[0]} ms, max ${added[added.length - 1]} ms (n=${added.length})`,
      );
    }
  }
} finally {
  await browser.close();
  stop();
}
