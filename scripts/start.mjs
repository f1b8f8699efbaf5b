// `npm start`: prepare, migrate local D1, start the platform on 127.0.0.1:8787, and seed the demo
// (a demo creator and the published app at http://demo.localhost:8787) through the public API —
// the same path a creator takes, so the seed proves that path works.
import { spawn } from "node:child_process";
import { prepare } from "./prepare.mjs";
import { bin, mustRun, root } from "./lib.mjs";
import { seedDemo } from "./seed.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const STUDIO = `http://localhost:${PORT}`;

await prepare({ web: "build" });
await mustRun(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local"], { env: { CI: "true" } });

const dev = spawn(
  bin("wrangler"),
  ["dev", "--ip", "127.0.0.1", "--port", String(PORT), "--show-interactive-dev-session=false"],
  {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  },
);
const stop = () => dev.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));

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
