#!/usr/bin/env node
/**
 * A small closed-loop load generator for `npm run bench`, run as its own process so that it never
 * shares an event loop with what it measures: `concurrency` keep-alive connections, each sending
 * the next request when the last answered, for `seconds`. Any status but `--expect` and any
 * socket error counts as an error. Prints one JSON line: requests, errors, rps, latencies.
 *
 *   node scripts/bench-load.mjs --port 8787 --host app.localhost:8787 --path /_api/x \
 *     [--cookie "a=b"] [--seconds 5] [--concurrency 16] [--expect 200]
 */
import { Agent, request } from "node:http";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const port = Number(arg("--port"));
const host = arg("--host");
const path = arg("--path", "/");
const cookie = arg("--cookie", "");
const seconds = Math.min(60, Number(arg("--seconds", 5)));
const concurrency = Math.min(256, Number(arg("--concurrency", 16)));
const expected = Number(arg("--expect", 200));

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = [];
const statuses = {};
let errors = 0;

function once() {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(
      { host: "127.0.0.1", port, path, agent, headers: { host, ...(cookie ? { cookie } : {}) } },
      (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - started);
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (res.statusCode !== expected) errors += 1;
          resolve();
        });
      },
    );
    req.on("error", () => {
      errors += 1;
      statuses.socket = (statuses.socket ?? 0) + 1;
      resolve();
    });
    req.end();
  });
}

const until = performance.now() + seconds * 1000;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) await once();
  }),
);
const elapsed = (performance.now() - started) / 1000;
agent.destroy();
const sorted = [...latencies].sort((a, b) => a - b);
const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
console.log(
  JSON.stringify({
    requests: latencies.length + (statuses.socket ?? 0),
    errors,
    statuses,
    seconds: elapsed,
    concurrency,
    rps: latencies.length / elapsed,
    median_ms: at(0.5),
    p95_ms: at(0.95),
  }),
);
