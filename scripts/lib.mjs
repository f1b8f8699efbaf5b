// Shared helpers for the project's scripts: run a command, find the repo root.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** Runs a command with inherited output; resolves with its exit code. */
export function run(cmd, args, options = {}) {
  const { env, ...rest } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: "inherit",
      ...rest,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...env },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function mustRun(cmd, args, options = {}) {
  const code = await run(cmd, args, options);
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${code}`);
}

export const bin = (name) => `${root}node_modules/.bin/${name}`;
