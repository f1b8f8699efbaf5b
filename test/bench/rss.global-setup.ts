import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

/**
 * `npm run bench` only (vitest.bench.config.ts): workerd gives an isolate no memory figure, but
 * its process has one. A server on 127.0.0.1 that a bench inside workerd asks (`GET /rss`) when
 * it wants a sample; it answers the resident set size (VmRSS) of the workerd processes this
 * vitest run started, summed, in bytes: every isolate, Durable Object and their SQLite caches.
 * Linux only (/proc); elsewhere it answers `{ "bytes": null }`.
 */

/** pid → parent pid and command name, for every process we can read. */
function processes(): Map<number, { ppid: number; comm: string }> {
  const out = new Map<number, { ppid: number; comm: string }>();
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ")".
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      out.set(Number(pid), { ppid, comm });
    } catch {
      // gone since the listing
    }
  }
  return out;
}

function descendsFrom(pid: number, ancestor: number, all: Map<number, { ppid: number }>): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    if (p === ancestor) return true;
    const parent = all.get(p)?.ppid;
    if (parent === undefined) return false;
    p = parent;
  }
  return false;
}

export function workerdRssBytes(ancestor = process.pid): { bytes: number | null; processes: number } {
  const all = processes();
  let bytes = 0;
  let count = 0;
  for (const [pid, p] of all) {
    if (!p.comm.startsWith("workerd") || !descendsFrom(pid, ancestor, all)) continue;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      if (kb === undefined) continue;
      bytes += Number(kb) * 1024;
      count++;
    } catch {
      // exited
    }
  }
  return { bytes: count > 0 ? bytes : null, processes: count };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = createServer((req, res) => {
    res.writeHead(req.url === "/rss" ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(req.url === "/rss" ? workerdRssBytes() : { error: "no route" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  project.provide("rssApi", { host: "127.0.0.1", port: (server.address() as AddressInfo).port });
  return () => new Promise((resolve) => server.close(() => resolve()));
}

declare module "vitest" {
  export interface ProvidedContext {
    rssApi: { host: string; port: number };
  }
}
