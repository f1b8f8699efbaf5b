import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { appStub } from "../../platform/worker/stubs";
import { makeApp, signUp, type TestApp, type TestUser } from "../attacks/helpers/app";

/**
 * `npm run bench` (scripts/bench.mjs) runs this with vitest.bench.config.ts: conditional lists of
 * the recipe-box fixture (`owner | public where shared = true`) over 1 000, 10 000 and 100 000 documents
 * in one app's Durable Object, through the real Worker entry and the object's SQLite. Documents
 * are written straight into the object's table (the HTTP path would be rate-limited and take an
 * hour); every measured request goes through the Worker. Medians, no thresholds: measured, never
 * asserted. The result is printed as one `BENCH_RESULT {json}` line for the script.
 */

const SIZES = [1_000, 10_000, 100_000];
const RUNS = 15;
const CUISINES = ["italian", "mexican", "indian", "japanese", "other"];

interface Seeded {
  app: TestApp;
  user: TestUser;
  seedMs: number;
}

/** A small seeded generator, so both sizes hold the same mix and runs repeat. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** N recipes: 200 owners (one of them `user`), 10% shared, cuisines and minutes spread at random. */
async function seed(size: number): Promise<Seeded> {
  const app = await makeApp(`bench-${size}`, "recipe-box");
  const user = await signUp(app, `bench-${size}@example.com`);
  const owners = Array.from({ length: 200 }, (_, i) => (i === 0 ? user.id : crypto.randomUUID()));
  const started = performance.now();
  await runInDurableObject(appStub(env, app.appId), async (_o, state) => {
    const t0 = Date.now() - size * 1000;
    const random = mulberry32(size);
    state.storage.transactionSync(() => {
      for (let i = 0; i < size; i++) {
        const data = JSON.stringify({
          title: `recipe ${Math.floor(random() * size)}`,
          cuisine: CUISINES[Math.floor(random() * CUISINES.length)],
          minutes: 5 + Math.floor(random() * 240),
          shared: random() < 0.1,
          ingredients: "flour, water, salt, yeast, olive oil",
        });
        const at = t0 + i * 1000;
        state.storage.sql.exec(
          "INSERT INTO documents (id, collection, owner_id, data, bytes, created_at, updated_at) VALUES (?, 'recipes', ?, ?, ?, ?, ?)",
          crypto.randomUUID(),
          owners[Math.floor(random() * owners.length)],
          data,
          data.length,
          at,
          at,
        );
      }
    });
  });
  return { app, user, seedMs: performance.now() - started };
}

const QUERIES: Array<{ name: string; who: "anonymous" | "user"; query: string }> = [
  { name: "visitor: shared recipes (rule filter), oldest first", who: "anonymous", query: "" },
  { name: "visitor: shared recipes, newest first", who: "anonymous", query: "sort=-createdAt" },
  {
    name: "visitor: shared + where[cuisine], newest first",
    who: "anonymous",
    query: "where[cuisine]=indian&sort=-createdAt",
  },
  { name: "visitor: shared, sorted by minutes", who: "anonymous", query: "sort=minutes" },
  { name: "user: own | shared, newest first", who: "user", query: "sort=-createdAt" },
  { name: "user: where[ownerId]=@me, newest first", who: "user", query: "where[ownerId]=@me&sort=-createdAt" },
  { name: "visitor: pages 1-5 via cursors, newest first", who: "anonymous", query: "sort=-createdAt&pages=5" },
  { name: "visitor: pages 1-5 via cursors, by minutes", who: "anonymous", query: "sort=minutes&pages=5" },
  { name: "visitor: pages 1-5 via cursors, by -minutes", who: "anonymous", query: "sort=-minutes&pages=5" },
];

/** The result row for one query, made on first use. */
function rowOf(table: unknown, name: string): Record<string, number> {
  const t = table as Record<string, Record<string, number>>;
  if (!t[name]) t[name] = {};
  return t[name];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] as number;
};

async function timeQuery(s: Seeded, q: (typeof QUERIES)[number]): Promise<{ ms: number; items: number }> {
  const client = q.who === "anonymous" ? s.app.client() : s.user.client;
  const pages = Number(/pages=(\d+)/.exec(q.query)?.[1] ?? 1);
  const base = q.query.replace(/&?pages=\d+/, "");
  const t = performance.now();
  let cursor: string | null = null;
  let items = 0;
  for (let p = 0; p < pages; p++) {
    const path = `/_api/collections/recipes?limit=20${base ? `&${base}` : ""}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    items = body.items.length;
    cursor = body.nextCursor;
  }
  return { ms: performance.now() - t, items };
}

describe("conditional list bench", () => {
  it("1k vs 10k vs 100k documents", async () => {
    const result: Record<string, unknown> = {
      kind: "lists",
      runs: RUNS,
      sizes: SIZES,
      queries: {},
      withoutIndexes: {},
    };
    for (const size of SIZES) {
      const s = await seed(size);
      // The first list builds the manifest's expression indexes over what is already stored.
      const first = await timeQuery(s, QUERIES[0] as (typeof QUERIES)[number]);
      (result as Record<string, unknown>)[`seedMs_${size}`] = Math.round(s.seedMs);
      (result as Record<string, unknown>)[`firstListMs_${size}`] = Math.round(first.ms);
      const baseline: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await s.user.client.get("/_api/auth/me");
        baseline.push(performance.now() - t);
      }
      (result as Record<string, unknown>)[`baselineMeMs_${size}`] = median(baseline);
      for (const q of QUERIES) {
        const times: number[] = [];
        let items = 0;
        await timeQuery(s, q);
        for (let i = 0; i < RUNS; i++) {
          const r = await timeQuery(s, q);
          times.push(r.ms);
          items = r.items;
        }
        expect(items, q.name).toBeGreaterThan(0);
        const row = rowOf(result.queries, q.name);
        row[`ms_${size}`] = median(times);
        row[`p95_${size}`] = p95(times);
        row[`items_${size}`] = items;
      }
      // The same lists without the expression indexes (the object keeps its note that they
      // exist, so nothing recreates them): what the indexes are worth at this size.
      await runInDurableObject(appStub(env, s.app.appId), async (_o, state) => {
        for (const f of ["cuisine", "minutes", "shared", "title"])
          state.storage.sql.exec(`DROP INDEX IF EXISTS "documents_by_${f}"`);
      });
      for (const q of QUERIES.slice(0, 4)) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) times.push((await timeQuery(s, q)).ms);
        const row = rowOf(result.withoutIndexes, q.name);
        row[`ms_${size}`] = median(times);
      }
    }
    for (const table of [result.queries, result.withoutIndexes] as Array<Record<string, Record<string, number>>>) {
      for (const row of Object.values(table))
        row.ratio = (row[`ms_${SIZES[SIZES.length - 1]}`] as number) / (row[`ms_${SIZES[0]}`] as number);
    }
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  }, 1_800_000);
});
