// `node test/e2e/run.mjs`: the studio's browser end-to-end tests (Chromium + wrangler dev).
// Prepares the build (templates, vendor, web/dist), then runs studio.e2e.ts on the project's
// pinned Node (>= 22 strips TypeScript types natively). Prints "N passed, N failed"; exits non-zero
// on any failure. Set E2E_SHOTS=<dir> to keep screenshots of each screen.
import { spawn } from "node:child_process";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const binDir = join(root, "node_modules", ".bin");
process.env.PATH = `${binDir}${delimiter}${process.env.PATH ?? ""}`;
process.env.WRANGLER_SEND_METRICS = "false";

if (!process.argv.includes("--no-prepare")) {
  const { prepare } = await import(join(root, "scripts", "prepare.mjs"));
  await prepare({ web: "build" });
}

const node = join(binDir, "node");
const code = await new Promise((resolve) => {
  const child = spawn(node, ["--no-warnings", join(root, "test", "e2e", "studio.e2e.ts")], { cwd: root, stdio: "inherit", env: process.env });
  child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  child.on("error", () => resolve(1));
});
process.exit(code);
