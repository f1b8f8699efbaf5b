/**
 * The running platform `npm run bench` measures (bench-serve.mjs): `wrangler dev` on 127.0.0.1 at
 * a free port (never 8787, which `npm start` may hold), a temp --persist-to with the D1
 * migrations applied, the builder Worker beside it, and the assistant wired to the local stand-in
 * model server (scripts/ai-model-server.mjs) as `npm start` and the e2e server wire it.
 * `stop()` ends the process group we started and removes the temp state.
 */
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startModelServer } from "./ai-model-server.mjs";
import { bin, freePort, mustRun, root, wranglerDevArgs } from "./lib.mjs";

async function waitForServer(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/auth/me`);
      if (res.status === 401 || res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not answer within ${deadlineMs / 1000} s`);
}

/** @returns {Promise<{ port: number, url: string, inspectorPort: number, model: { host: string, port: number }, stop: () => Promise<void> }>} */
export async function startPlatform() {
  const port = await freePort();
  const inspector = await freePort();
  const state = mkdtempSync(join(tmpdir(), "sandlot-bench-"));
  // node_modules/.bin first, as `npm run` does: wrangler needs the pinned Node 24, not the system one.
  const env = {
    ...process.env,
    PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
    WRANGLER_SEND_METRICS: "false",
    CI: "1",
  };
  let child;
  let model;
  const stop = async () => {
    if (child && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM"); // the process group we started: wrangler and its workerd
      } catch {
        child.kill("SIGTERM");
      }
    }
    await model?.close();
    rmSync(state, { recursive: true, force: true });
  };
  try {
    await mustRun(bin("wrangler"), ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    model = await startModelServer();
    child = spawn(
      bin("wrangler"),
      wranglerDevArgs({
        port,
        inspectorPort: inspector,
        persistTo: state,
        // The bench asks the studio at 127.0.0.1 (Node's fetch does not resolve *.localhost).
        vars: {
          STUDIO_HOST: `127.0.0.1:${port}`,
          AI_PROVIDER: "openai-compatible",
          AI_BASE_URL: `http://${model.host}:${model.port}/v1`,
          AI_MODEL: "standin",
        },
      }),
      { cwd: root, env, stdio: ["ignore", "ignore", "pipe"], detached: true },
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    await waitForServer(url, child, 90_000).catch((e) => {
      throw new Error(`${e.message}\n${stderr}`);
    });
    return { port, url, inspectorPort: inspector, model: { host: model.host, port: model.port }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** One request to 127.0.0.1 with any Host (an app origin), timing the first byte and the whole answer. */
export function hostRequest(port, host, method, path, { body, cookie } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: {
          host,
          "sec-fetch-site": "same-origin",
          ...(cookie ? { cookie } : {}),
          ...(payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const firstByteMs = performance.now() - started;
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            body: Buffer.concat(chunks),
            firstByteMs,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
