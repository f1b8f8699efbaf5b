import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { counters } from "../../platform/db/do-schema";
import { errorOf, grantPlan, inObject, makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

/** T48: parallel requests cannot overspend a quota, and counters never go negative (I7). */

let app: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  app = await makeApp("t48");
  [alice, bob] = await Promise.all([signUp(app, "alice@example.com"), signUp(app, "bob@example.com")]);
});

const PNG = (size: number): Uint8Array => {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
};

describe("T48 parallel creates against maxDocumentsPerUser = 5", () => {
  it("50 parallel creates: exactly 5 succeed, 45 get 429 quota_exceeded", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => alice.client.post("/_api/collections/notes", { title: `n${i}` })),
    );
    const statuses = results.map((r) => r.status);
    const created = statuses.filter((s) => s === 201).length;
    const refused = statuses.filter((s) => s === 429).length;
    console.log(`[T48] 50 parallel note creates: ${created} created, ${refused} refused (quota 5)`);
    expect(created).toBe(5);
    expect(refused).toBe(45);
    const refusal = results.find((r) => r.status === 429)!;
    const err = await errorOf(refusal);
    expect(err.code).toBe("quota_exceeded");
    expect(err.message).toMatch(/limit of 5 notes/);
    const list = await json<{ items: unknown[] }>(await alice.client.get("/_api/collections/notes?limit=100"));
    expect(list.items).toHaveLength(5);
  });

  it("parallel deletes never drive the counter below zero, and the quota comes back", async () => {
    const list = await json<{ items: Array<{ id: string }> }>(
      await alice.client.get("/_api/collections/notes?limit=100"),
    );
    const id = list.items[0]!.id;
    // The same document deleted 20 times at once: one 204, the rest 404.
    const dels = await Promise.all(
      Array.from({ length: 20 }, () => alice.client.delete(`/_api/collections/notes/${id}`)),
    );
    expect(dels.filter((r) => r.status === 204)).toHaveLength(1);
    expect(dels.filter((r) => r.status === 404)).toHaveLength(19);
    const rows = await inObject(app, (o) => o.db.select().from(counters).all());
    expect(rows.every((r) => r.value >= 0)).toBe(true);
    expect(rows.find((r) => r.key === `docs:notes:${alice.id}`)?.value).toBe(4);
    const again = await Promise.all(
      Array.from({ length: 10 }, (_, i) => alice.client.post("/_api/collections/notes", { title: `m${i}` })),
    );
    expect(again.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it("the pro plan raises the limit to 50 (maxDocumentsPerUserByPlan)", async () => {
    await grantPlan(app, bob.id, "pro");
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => bob.client.post("/_api/collections/notes", { title: `p${i}` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(50);
    expect(results.filter((r) => r.status === 429)).toHaveLength(10);
  });
});

describe("T48 parallel uploads against the 4096-byte user quota", () => {
  it("20 parallel 1000-byte uploads: exactly 4 stored", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => {
        const f = new FormData();
        f.append("file", new File([PNG(1000)], "p.png", { type: "image/png" }));
        return alice.client.fetch("/_api/files", { method: "POST", body: f });
      }),
    );
    const stored = results.filter((r) => r.status === 201).length;
    console.log(`[T48] 20 parallel 1000-byte uploads: ${stored} stored (quota 4096 bytes)`);
    expect(stored).toBe(4);
    expect(results.filter((r) => r.status === 413)).toHaveLength(16);
    const used = await inObject(app, (o) => o.db.select().from(counters).all());
    expect(used.find((r) => r.key === `bytes:user:${alice.id}`)?.value).toBe(4000);
  });
});
