import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, inject, it } from "vitest";
import { r2Keys } from "../../platform/apps/r2-keys";
import { ServedAppCache } from "../../platform/apps/served-cache";
import { apps } from "../../platform/db/d1-schema";
import type { AppObject } from "../../platform/object/app-object";
import { createAppRouter } from "../../platform/worker/app/router";
import { appStub } from "../../platform/worker/stubs";
import { makeApp, signUp } from "../attacks/helpers/app";
import { appMetadata, deliver, deliverEvent, nowSec, subscriptionEvent } from "../integration/billing-helpers";
import { appOrigin } from "../helpers/client";

/**
 * `npm run bench` (scripts/bench.mjs): the app origin's hot path inside workerd, each against a
 * baseline measured in the same run. Printed as one `BENCH_RESULT {json}` line; no thresholds.
 *   - host lookup: an asset and a page through the app router with the isolate's Host cache vs
 *     the same router reading the row from D1 on every request (a cache that keeps nothing: the
 *     code path before the cache);
 *   - api-list / api-create: GET and POST /_api/collections/posts through the full stack (Worker,
 *     host dispatch, session, policy, Durable Object, SQLite) vs a bare read / insert of the same
 *     rows in the same kind of object (runInDurableObject);
 *   - webhook-storm: 100 concurrent deliveries of one event vs one delivery, events applied;
 *   - apps-N: page latency with 1, 100 and 1,000 apps live, each app's page asked in turn, and the
 *     workerd process's resident memory once they are.
 * Local D1 is SQLite in the same process: its reads cost far less here than in production, so the
 * lookup ratios understate what the cache saves there.
 */

const RUNS = 40;
const INDEX_HTML = '<!doctype html><html><head><script type="module" src="/assets/bench-0.js"></script></head></html>';

type Stats = { median_ms: number; p95_ms: number };

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const median = s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  const p95 = s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] as number;
  return { median_ms: round(median), p95_ms: round(p95) };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/**
 * `each` calls of `fn` per sample, the sample being their mean: workerd's clock moves in whole
 * milliseconds, so a sub-millisecond call (the bare object reads) is timed ten at a time.
 */
async function times(runs: number, fn: (i: number) => Promise<void>, each = 1): Promise<number[]> {
  await fn(-1); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for (let k = 0; k < each; k++) await fn(i * each + k);
    xs.push((performance.now() - t) / each);
  }
  return xs;
}

/** Marks the app published, with a page and one asset in R2, without a build. */
async function publishStatic(app: { appId: string }): Promise<void> {
  await env.BUCKET.put(r2Keys.index(app.appId, 1), INDEX_HTML, { httpMetadata: { contentType: "text/html" } });
  await env.BUCKET.put(r2Keys.asset(app.appId, "bench-0.js"), "export {};\n".repeat(200), {
    httpMetadata: { contentType: "text/javascript" },
  });
  await env.DB.prepare("UPDATE apps SET current_version = 1 WHERE id = ?").bind(app.appId).run();
}

async function viaRouter(router: ReturnType<typeof createAppRouter>, slug: string, path: string): Promise<number> {
  const ctx = createExecutionContext();
  const res = await router.fetch(new Request(appOrigin(slug) + path), env, ctx);
  await res.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return res.status;
}

async function hostLookup(): Promise<Record<string, unknown>> {
  const app = await makeApp(`bench-host-${crypto.randomUUID().slice(0, 6)}`, "sandlot-rules");
  await publishStatic(app);
  const cached = createAppRouter({ cache: new ServedAppCache() });
  const uncached = createAppRouter({ cache: new ServedAppCache({ ttlMs: 0, missTtlMs: 0, maxEntries: 1 }) });
  const run = async (router: typeof cached, path: string): Promise<number[]> =>
    times(RUNS, async () => {
      expect(await viaRouter(router, app.slug, path)).toBe(200);
    });
  return {
    asset: stats(await run(cached, "/assets/bench-0.js")),
    assetD1: stats(await run(uncached, "/assets/bench-0.js")),
    page: stats(await run(cached, "/")),
    pageD1: stats(await run(uncached, "/")),
  };
}

async function collectionApi(): Promise<Record<string, unknown>> {
  const app = await makeApp(`bench-api-${crypto.randomUUID().slice(0, 6)}`, "sandlot-rules");
  const user = await signUp(app, "bench-api@example.com");
  for (let i = 0; i < 20; i++)
    expect((await user.client.post("/_api/collections/posts", { title: `post ${i}`, status: "draft" })).status).toBe(
      201,
    );
  const stub = appStub(env, app.appId);
  const list = await times(RUNS, async () => {
    const res = await user.client.get("/_api/collections/posts?limit=20");
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
  const bareList = await times(
    RUNS,
    async () => {
      const rows = await runInDurableObject(stub, (_o: AppObject, state) =>
        state.storage.sql
          .exec(
            "SELECT id, owner_id, data, created_at, updated_at FROM documents WHERE collection = 'posts' " +
              "AND owner_id = ? ORDER BY created_at, id LIMIT 21",
            user.id,
          )
          .toArray(),
      );
      expect(rows.length).toBe(20);
      JSON.stringify(rows);
    },
    10,
  );
  const create = await times(RUNS, async (i) => {
    const res = await user.client.post("/_api/collections/posts", { title: `timed ${i}`, status: "draft" });
    expect(res.status).toBe(201);
    await res.arrayBuffer();
  });
  const bareCreate = await times(
    RUNS,
    async (i) => {
      await runInDurableObject(stub, (_o: AppObject, state) => {
        const data = JSON.stringify({ title: `bare ${i}`, status: "draft" });
        state.storage.sql.exec(
          "INSERT INTO documents (id, collection, owner_id, data, bytes, created_at, updated_at) " +
            "VALUES (?, 'posts', ?, ?, ?, ?, ?)",
          crypto.randomUUID(),
          user.id,
          data,
          data.length,
          Date.now(),
          Date.now(),
        );
      });
    },
    10,
  );
  return { list: stats(list), bareList: stats(bareList), create: stats(create), bareCreate: stats(bareCreate) };
}

async function webhookStorm(): Promise<Record<string, unknown>> {
  const app = await makeApp(`bench-hook-${crypto.randomUUID().slice(0, 6)}`);
  const user = await signUp(app, "bench-hook@example.com");
  const base = {
    subscriptionId: `sub_bench_${crypto.randomUUID().slice(0, 8)}`,
    metadata: appMetadata(app.appId, user.id),
  };
  let created = nowSec() - 1000;
  const next = (): Record<string, unknown> =>
    subscriptionEvent({ ...base, type: "customer.subscription.updated", created: created++, status: "active" });
  expect(
    (
      await deliverEvent(
        subscriptionEvent({ ...base, type: "customer.subscription.created", created: created++, status: "active" }),
      )
    ).status,
  ).toBe(200);
  const single = await times(10, async () => {
    const res = await deliverEvent(next());
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
  const storms: number[] = [];
  let applied = 0;
  for (let round = 0; round < 5; round++) {
    const payload = JSON.stringify(next());
    const t = performance.now();
    const responses = await Promise.all(Array.from({ length: 100 }, () => deliver(payload)));
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    storms.push(performance.now() - t);
    applied = outcomes.filter((o) => o === "applied").length;
    expect(applied).toBe(1);
  }
  return { storm: stats(storms), single: stats(single), applied };
}

/** `count` more apps of one creator, each published (a page in R2), straight into D1 and R2. */
async function seedApps(count: number): Promise<string[]> {
  const owner = await makeApp(`bench-many-${crypto.randomUUID().slice(0, 6)}`);
  const creatorId = (await env.DB.prepare("SELECT creator_id FROM apps WHERE id = ?").bind(owner.appId).first<{
    creator_id: string;
  }>())!.creator_id;
  const orm = drizzle(env.DB);
  const now = Date.now();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    slug: `many-${i}-${crypto.randomUUID().slice(0, 6)}`,
    name: `App ${i}`,
    templateId: "sandlot-test",
    creatorId,
    currentVersion: 1,
    createdAt: now,
    updatedAt: now,
  }));
  // D1 binds at most 100 values a statement: 9 rows of 11 columns each.
  for (let i = 0; i < rows.length; i += 9) await orm.insert(apps).values(rows.slice(i, i + 9));
  for (let i = 0; i < rows.length; i += 50)
    await Promise.all(rows.slice(i, i + 50).map((r) => env.BUCKET.put(r2Keys.index(r.id, 1), INDEX_HTML)));
  return rows.map((r) => r.slug);
}

/**
 * The workerd process's resident memory now, in bytes (test/bench/rss.global-setup.ts samples it
 * from Node): all isolates, objects and their SQLite caches in one process; null off Linux.
 */
async function rssBytes(): Promise<number | null> {
  const { host, port } = inject("rssApi");
  const res = await fetch(`http://${host}:${port}/rss`);
  return ((await res.json()) as { bytes: number | null }).bytes;
}

async function manyApps(): Promise<Record<string, unknown>> {
  const slugs = await seedApps(1000);
  const router = createAppRouter({ cache: new ServedAppCache() });
  const out: Record<string, unknown> = {};
  for (const live of [1, 100, 1000]) {
    const requests = Math.max(RUNS, live);
    // One pass to wake every app (its row cached, its object started), then the measured pass.
    for (let i = 0; i < live; i++) expect(await viaRouter(router, slugs[i] as string, "/")).toBe(200);
    const xs: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      expect(await viaRouter(router, slugs[i % live] as string, "/")).toBe(200);
      xs.push(performance.now() - t);
    }
    out[`apps_${live}`] = { ...stats(xs), rss_bytes: await rssBytes() };
  }
  return out;
}

describe("hot path bench", () => {
  it("host lookup, collection API, webhook storm, many apps", async () => {
    const result: Record<string, unknown> = { kind: "hot-path", runs: RUNS };
    result.host = await hostLookup();
    result.api = await collectionApi();
    result.webhook = await webhookStorm();
    result.apps = await manyApps();
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  }, 1_800_000);
});
