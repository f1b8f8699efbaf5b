import { beforeAll, describe, expect, it } from "vitest";
import { counters } from "../../platform/db/do-schema";
import { json } from "../helpers/client";
import { errorOf, grantPlan, inObject, makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

/**
 * T48 for a quota across collections (sandlot-rules: `items` counts notes and tasks together,
 * 3 free, 10 with pro): parallel creates into both collections cannot overspend it, deletes give
 * it back, and it is atomic with the write like the per-collection limit (I7).
 */

let app: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  app = await makeApp("t48-shared", "sandlot-rules");
  [alice, bob] = await Promise.all([signUp(app, "alice@example.com"), signUp(app, "bob@example.com")]);
});

const count = async (user: TestUser, collection: string): Promise<number> =>
  (await json<{ items: unknown[] }>(await user.client.get(`/_api/collections/${collection}?limit=100`))).items.length;

describe("T48 a quota shared by notes and tasks", () => {
  it("20 parallel creates split over both collections: exactly 3 are stored, the rest 429", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        alice.client.post(`/_api/collections/${i % 2 ? "notes" : "tasks"}`, { title: `item ${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(17);
    const refusal = await errorOf(results.find((r) => r.status === 429) as Response);
    expect(refusal.code).toBe("quota_exceeded");
    expect(refusal.message).toMatch(/limit of 3 notes and tasks/);
    expect((await count(alice, "notes")) + (await count(alice, "tasks"))).toBe(3);
  });

  it("another user has their own allowance", async () => {
    expect((await bob.client.post("/_api/collections/notes", { title: "bob's" })).status).toBe(201);
  });

  it("deleting from either collection gives one back; parallel deletes of one document give back one", async () => {
    const { items } = await json<{ items: Array<{ id: string }> }>(
      await alice.client.get("/_api/collections/notes?limit=100"),
    );
    const collection = items.length > 0 ? "notes" : "tasks";
    const target =
      items[0] ??
      (await json<{ items: Array<{ id: string }> }>(await alice.client.get("/_api/collections/tasks?limit=100")))
        .items[0];
    const dels = await Promise.all(
      Array.from({ length: 10 }, () => alice.client.delete(`/_api/collections/${collection}/${target?.id}`)),
    );
    expect(dels.filter((r) => r.status === 204)).toHaveLength(1);
    const again = await Promise.all(
      Array.from({ length: 5 }, (_, i) => alice.client.post("/_api/collections/tasks", { title: `again ${i}` })),
    );
    expect(again.filter((r) => r.status === 201)).toHaveLength(1);
    const rows = await inObject(app, (store) => store.db.select().from(counters).all());
    expect(rows.find((r) => r.key === `quota:items:${alice.id}`)?.value).toBe(3);
    expect(rows.every((r) => r.value >= 0)).toBe(true);
  });

  it("the pro plan lifts the shared quota to 10", async () => {
    await grantPlan(app, alice.id, "pro");
    const more = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        alice.client.post(`/_api/collections/${i % 2 ? "notes" : "tasks"}`, { title: `pro ${i}` }),
      ),
    );
    expect(more.filter((r) => r.status === 201)).toHaveLength(7);
    expect((await count(alice, "notes")) + (await count(alice, "tasks"))).toBe(10);
  });
});
