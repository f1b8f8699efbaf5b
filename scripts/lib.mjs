// Shared helpers for the project's scripts: run a command, find the repo root.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** A loopback port free right now (the OS picks it), for a server a script or test run starts. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

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

/**
 * The arguments of `wrangler dev` for the whole platform, shared by `npm start`, the e2e server and
 * the bench: the platform and the builder Worker it reaches by the BUILDER service binding in one
 * process, on loopback only. platform/worker/host.ts compares host:port, so the studio host and the
 * apps domain carry the port (that is what lets `PORT=9000 npm start` work). `vars` become --var.
 *
 * @param {{ port: number, inspectorPort?: number, persistTo?: string, vars?: Record<string, string> }} options
 * @returns {string[]}
 */
export function wranglerDevArgs({ port, inspectorPort, persistTo, vars = {} }) {
  const all = { STUDIO_HOST: `localhost:${port}`, APPS_DOMAIN: `localhost:${port}`, ...vars };
  return [
    "dev",
    "-c",
    "wrangler.toml",
    "-c",
    "wrangler.builder.toml",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    ...(inspectorPort === undefined ? [] : ["--inspector-port", String(inspectorPort)]),
    ...(persistTo === undefined ? [] : ["--persist-to", persistTo]),
    "--show-interactive-dev-session=false",
    ...Object.entries(all).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ];
}
