// `npm start`: prepare, migrate local D1, start the platform on 127.0.0.1:8787, and seed the demo
// (a demo creator and the published app at http://demo.localhost:8787) through the public API —
// the same path a creator takes, so the seed proves that path works.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startModelServer } from "./ai-model-server.mjs";
import { startDomainsStandin } from "./domains-standin.mjs";
import { startOAuthProviderServer } from "./oauth-provider-server.mjs";
import { prepare } from "./prepare.mjs";
import { bin, mustRun, root, wranglerDevArgs } from "./lib.mjs";
import { seedDemo } from "./seed.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const STUDIO = `http://localhost:${PORT}`;

await prepare({ web: "build" });
await mustRun(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"], { env: { CI: "true" } });

// The AI assistant: a real model when .dev.vars (or the environment) sets AI_PROVIDER; otherwise the
// local stand-in model server, which speaks the OpenAI protocol but is not a model (docs/ai.md).
const devVars = await readFile(join(root, ".dev.vars"), "utf8").catch(() => "");
const aiConfigured = /^\s*AI_PROVIDER\s*=/m.test(devVars) || Boolean(process.env.AI_PROVIDER);
const aiArgs = [];
let standin = null;
if (!aiConfigured) {
  standin = await startModelServer({ port: Number(process.env.AI_STANDIN_PORT ?? 0) });
  const url = `http://${standin.host}:${standin.port}/v1`;
  aiArgs.push("--var", "AI_PROVIDER:openai-compatible", "--var", `AI_BASE_URL:${url}`, "--var", "AI_MODEL:standin");
  console.log(
    `• AI assistant: the local stand-in model server at ${url} (set AI_PROVIDER in .dev.vars for a real model)`,
  );
}

// Custom domains: TXT proofs and Cloudflare for SaaS against the local stand-in (docs/domains.md).
const domains = await startDomainsStandin({ port: Number(process.env.DOMAINS_STANDIN_PORT ?? 8791) });
const domainArgs = Object.entries(domains.vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
console.log(
  `• custom domains: the local DoH + Cloudflare stand-in at http://${domains.host}:${domains.port}; set a TXT record with\n` +
    `  curl -X POST http://${domains.host}:${domains.port}/__control/txt -d '{"name":"_sandlot-challenge.shop.demo.localhost","values":["<token>"]}'`,
);
// "Sign in with Google/GitHub" in the demo goes to the local server speaking their protocols
// (docs/oauth.md): clients local-google-client / local-google-secret, local-github-client / local-github-secret.
const oauthStandin = await startOAuthProviderServer({ port: Number(process.env.OAUTH_STANDIN_PORT ?? 0) });
aiArgs.push("--var", `OAUTH_DEV_PROVIDER_URL:${oauthStandin.url}`);
console.log(`• Sign in with Google/GitHub: the local provider stand-in at ${oauthStandin.url}`);

const dev = spawn(
  bin("wrangler"),
  // One process, two Workers: the platform (first config: its port, its assets) and the builder
  // it reaches by the BUILDER service binding.
  [...wranglerDevArgs({ port: PORT }), ...aiArgs, ...domainArgs],
  {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);
const stop = () => dev.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => {
  void standin?.close();
  void domains.close();
  void oauthStandin.close();
  process.exit(code ?? 0);
});

async function waitForStudio() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${STUDIO}/api/auth/me`);
      if (res.status === 401 || res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the platform did not start within 60 s");
}

try {
  await waitForStudio();
  const demo = await seedDemo({ studio: STUDIO });
  console.log(`
  ┌──────────────────────────────────────────────────────────────┐
    Sandlot is running.
    Studio:   ${STUDIO}
    Demo app: ${demo.url}
    Demo creator: ${demo.email} / ${demo.password}
    Stop with Ctrl-C. Local state lives in .wrangler/state.
  └──────────────────────────────────────────────────────────────┘
`);
} catch (err) {
  console.error(`seeding the demo failed: ${err instanceof Error ? err.message : err}`);
}
