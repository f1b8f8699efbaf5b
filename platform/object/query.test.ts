import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, asc, eq } from "drizzle-orm";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import { beforeAll, describe, expect, it } from "vitest";
import { documents } from "../db/do-schema";
import migrations from "../db/migrations/do/migrations.js";
import { manifestSchema } from "../manifest/schema";
import { listScope, type Subject } from "../policy/evaluate";
import { type Filter, matches, type RuleDocument } from "../policy/filter";
import { appStub } from "../worker/stubs";
import { ensureIndexes, indexedFields } from "./indexes";
import { afterSql, filterSql, orderSql, type Sort } from "./query";
import { type AppStore, appStoreOf } from "./store";

/**
 * The list side of the one evaluator: every filter tree, run as SQL in a real Durable Object's
 * SQLite, selects exactly the documents `matches` accepts on the same rows (I2: a list can never
 * show what a read would refuse). Plus: keyset pages in every order visit each row once, and the
 * planner uses the expression indexes.
 */

const stub = () => appStub(env, "query-test-object");

async function inStore<R>(fn: (store: AppStore) => R): Promise<R> {
  return runInDurableObject(stub(), async (_o, state) => {
    const store = appStoreOf(state.storage);
    await migrate(store.db, migrations);
    return fn(store);
  });
}

/** Values chosen to hit every corner: absent, booleans, numbers, text that looks like numbers, nested values. */
const DATA: Array<Record<string, unknown>> = [
  {},
  { shared: true, status: "published", price: 5, title: "a" },
  { shared: false, status: "draft", price: 50, title: "b" },
  { shared: true, status: "draft", price: 10, title: "B" },
  { status: "published", price: 10.5, title: "10" },
  { price: "5", title: "é" },
  { price: -1, title: "\u{10000}", tags: ["x"] },
  { shared: false, locked: true, title: "" },
  { locked: false, assignee: "u1" },
  { assignee: "u2", status: "published", shared: true },
];
const OWNERS = ["u1", "u2", null];
const ROWS = DATA.flatMap((data, i) =>
  OWNERS.map((ownerId, j) => ({
    id: `doc-${String(i).padStart(2, "0")}-${j}`,
    ownerId,
    data,
    createdAt: 1000 + ((i * 7 + j * 3) % 11),
  })),
);

const FILTERS: Array<[string, Filter]> = [];
for (const field of ["shared", "status", "price", "title", "locked", "assignee", "tags", "ownerId", "missing"]) {
  for (const value of [true, false, null, 5, 10, "5", "published", "draft", "u1", "a", "B", "", '["x"]']) {
    for (const op of ["=", "!=", "<", "<=", ">", ">="] as const)
      FILTERS.push([`${field} ${op} ${JSON.stringify(value)}`, { kind: "compare", field, op, value }]);
  }
  FILTERS.push([`${field} in`, { kind: "in", field, values: ["published", 5, true], negate: false }]);
  FILTERS.push([`${field} in null`, { kind: "in", field, values: ["draft", null], negate: false }]);
  FILTERS.push([`${field} not in`, { kind: "in", field, values: ["published", 5, true], negate: true }]);
  FILTERS.push([`${field} not in null`, { kind: "in", field, values: ["draft", null], negate: true }]);
}
const SUBJECTS: Subject[] = [
  { userId: null, plans: [] },
  { userId: "u1", plans: [] },
  { userId: "u2", plans: ["pro"] },
  { userId: "u3", plans: [], isCreator: true },
];
for (const rule of [
  "owner | public where shared = true",
  'owner | public where status = "published"',
  "owner where locked != true",
  "authenticated where assignee = @user | creator",
  'plan:pro where price < 10 and status not in ["draft"] | owner where shared = false',
  "public where shared != true and price >= 5",
]) {
  for (const [i, s] of SUBJECTS.entries()) {
    const scope = listScope(rule, s);
    if (scope.kind === "filter") FILTERS.push([`rule ${rule} for subject ${i}`, scope.filter]);
  }
}

beforeAll(async () => {
  await inStore((store) => {
    store.db.delete(documents).run();
    for (const r of ROWS) {
      const json = JSON.stringify(r.data);
      store.db
        .insert(documents)
        .values({
          id: r.id,
          collection: "things",
          ownerId: r.ownerId,
          data: json,
          bytes: json.length,
          createdAt: r.createdAt,
          updatedAt: r.createdAt,
        })
        .run();
    }
  });
});

describe("SQL and the evaluator select the same documents", () => {
  it(`${FILTERS.length} filters over ${ROWS.length} documents agree`, async () => {
    const disagreements = await inStore((store) => {
      const out: string[] = [];
      for (const [name, filter] of FILTERS) {
        const got = store.db
          .select({ id: documents.id })
          .from(documents)
          .where(and(eq(documents.collection, "things"), filterSql(filter)))
          .orderBy(asc(documents.id))
          .all()
          .map((r) => r.id);
        const want = ROWS.filter((r) => matches(filter, { ownerId: r.ownerId, data: r.data } satisfies RuleDocument))
          .map((r) => r.id)
          .sort();
        if (JSON.stringify(got) !== JSON.stringify(want))
          out.push(`${name}: sql ${got.length} vs evaluator ${want.length}`);
      }
      return out;
    });
    expect(disagreements).toEqual([]);
  });

  it("the filters are not vacuous: some select nothing, some everything, most something in between", () => {
    const counts = FILTERS.map(([, f]) => ROWS.filter((r) => matches(f, { ownerId: r.ownerId, data: r.data })).length);
    expect(counts).toContain(0);
    expect(counts).toContain(ROWS.length);
    expect(counts.filter((n) => n > 0 && n < ROWS.length).length).toBeGreaterThan(FILTERS.length / 3);
  });
});

describe("keyset pages", () => {
  const SORTS: Sort[] = ["createdAt", "price", "title", "shared", "missing"].flatMap((field) => [
    { field, descending: false },
    { field, descending: true },
  ]);
  it.each(SORTS.map((s) => [`${s.descending ? "-" : ""}${s.field}`, s] as const))(
    "%s: pages of 2 visit every row once, in the order of one full query",
    async (_n, sort) => {
      const { full, paged } = await inStore((store) => {
        const base = eq(documents.collection, "things");
        const full = store.db
          .select()
          .from(documents)
          .where(base)
          .orderBy(...orderSql(sort))
          .all()
          .map((r) => r.id);
        const paged: string[] = [];
        let after: { createdAt: number; id: string; key?: string | number | null } | null = null;
        for (let guard = 0; guard < 100; guard++) {
          const rows = store.db
            .select()
            .from(documents)
            .where(and(base, after ? afterSql(sort, after) : undefined))
            .orderBy(...orderSql(sort))
            .limit(2)
            .all();
          if (rows.length === 0) break;
          paged.push(...rows.map((r) => r.id));
          const last = rows[rows.length - 1] as (typeof rows)[number];
          const data = JSON.parse(last.data) as Record<string, unknown>;
          const v = data[sort.field];
          const key =
            v === undefined || v === null ? null : typeof v === "boolean" ? (v ? 1 : 0) : (v as string | number);
          after =
            sort.field === "createdAt"
              ? { createdAt: last.createdAt, id: last.id }
              : { createdAt: last.createdAt, id: last.id, key };
        }
        return { full, paged };
      });
      expect(full).toHaveLength(ROWS.length);
      expect(paged).toEqual(full);
    },
  );
});

describe("indexes", () => {
  const manifest = manifestSchema.parse({
    id: "idx-test",
    name: "Index test",
    blanks: [{ path: "src/blanks/Home.tsx", title: "Home", purpose: "The first screen." }],
    collections: {
      things: {
        fields: {
          status: { type: "select", options: ["draft", "published"] },
          price: { type: "number" },
          shared: { type: "boolean" },
        },
        rules: { list: "owner | public where shared = true", read: "public" },
        indexed: ["status", "price"],
      },
    },
  });

  it("every indexed field and every field a list or read condition tests gets one index", () => {
    expect(indexedFields(manifest)).toEqual(["price", "shared", "status"]);
  });

  it("the planner uses them for an equality filter in creation order and for a field sort", async () => {
    const plans = await inStore((store) => {
      ensureIndexes(store, manifest);
      const explain = (q: { toSQL(): { sql: string; params: unknown[] } }): string => {
        const { sql, params } = q.toSQL();
        return [...store.sql.exec(`EXPLAIN QUERY PLAN ${sql}`, ...params)].map((r) => String(r.detail)).join(" | ");
      };
      const base = (f: Filter, sort: Sort) =>
        store.db
          .select()
          .from(documents)
          .where(and(eq(documents.collection, "things"), filterSql(f)))
          .orderBy(...orderSql(sort))
          .limit(21);
      return {
        byStatus: explain(
          base(
            { kind: "compare", field: "status", op: "=", value: "published" },
            { field: "createdAt", descending: true },
          ),
        ),
        byPrice: explain(base({ kind: "true" }, { field: "price", descending: false })),
      };
    });
    expect(plans.byStatus).toContain("documents_by_status");
    expect(plans.byStatus).not.toContain("TEMP B-TREE");
    expect(plans.byPrice).toContain("documents_by_price");
    expect(plans.byPrice).not.toContain("TEMP B-TREE");
  });
});
