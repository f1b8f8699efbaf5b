import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { errorOf, grantPlan, makeApp, signUp, type TestApp, type TestUser } from "../attacks/helpers/app";

/**
 * The recipe-box brief in one collection (test/fixtures/templates/recipe-box): "signed-in users
 * keep private recipes; a recipe marked shared is readable by anyone". The rule
 * `owner | public where shared = true` is also the list's filter; ownerId and notes stay with the
 * owner; 10 recipes on the free plan, atomically.
 */

interface Recipe {
  id: string;
  title: string;
  shared?: boolean;
  ownerId?: string | null;
  notes?: string;
  cuisine?: string;
  minutes?: number;
  createdAt: number;
}

let app: TestApp;
let ann: TestUser;
let ben: TestUser;
const ids: Record<string, string> = {};

async function create(user: TestUser, body: Record<string, unknown>): Promise<Recipe> {
  const res = await user.client.post("/_api/collections/recipes", body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ item: Recipe }>(res)).item;
}

const titles = (items: Recipe[]): string[] => items.map((r) => r.title);

beforeAll(async () => {
  app = await makeApp("recipes", "recipe-box");
  [ann, ben] = await Promise.all([signUp(app, "ann@example.com"), signUp(app, "ben@example.com")]);
  ids.annPrivate = (
    await create(ann, { title: "ann private", cuisine: "italian", minutes: 30, notes: "grandma's secret" })
  ).id;
  ids.annShared = (
    await create(ann, { title: "ann shared", cuisine: "italian", minutes: 10, shared: true, notes: "ann only" })
  ).id;
  ids.benShared = (await create(ben, { title: "ben shared", cuisine: "mexican", minutes: 45, shared: true })).id;
  ids.benPrivate = (await create(ben, { title: "ben private", cuisine: "mexican", minutes: 5 })).id;
});

describe("recipe box: private recipes, shared ones public, in one collection", () => {
  it("a visitor lists and reads only shared recipes, without owner ids or notes", async () => {
    const anon = app.client();
    const list = await json<{ items: Recipe[] }>(await anon.get("/_api/collections/recipes"));
    expect(titles(list.items)).toEqual(["ann shared", "ben shared"]);
    for (const r of list.items) {
      expect(r).not.toHaveProperty("ownerId");
      expect(r).not.toHaveProperty("notes");
    }
    expect((await anon.get(`/_api/collections/recipes/${ids.annShared}`)).status).toBe(200);
    expect((await anon.get(`/_api/collections/recipes/${ids.annPrivate}`)).status).toBe(404);
  });

  it("a signed-in user sees their own recipes and everyone's shared ones; the owner sees notes and ownerId", async () => {
    const list = await json<{ items: Recipe[] }>(await ann.client.get("/_api/collections/recipes"));
    expect(titles(list.items)).toEqual(["ann private", "ann shared", "ben shared"]);
    const mine = list.items.find((r) => r.title === "ann private");
    expect(mine).toMatchObject({ ownerId: ann.id, notes: "grandma's secret" });
    const bens = list.items.find((r) => r.title === "ben shared");
    expect(bens).not.toHaveProperty("ownerId");
  });

  it("T11: another user cannot read, change or delete a private recipe (404, as if missing)", async () => {
    for (const res of [
      await ben.client.get(`/_api/collections/recipes/${ids.annPrivate}`),
      await ben.client.patch(`/_api/collections/recipes/${ids.annPrivate}`, { title: "mine now" }),
      await ben.client.delete(`/_api/collections/recipes/${ids.annPrivate}`),
    ]) {
      expect(res.status).toBe(404);
    }
    // A shared recipe is readable, but still only its owner changes it.
    const res = await ben.client.patch(`/_api/collections/recipes/${ids.annShared}`, { shared: false });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("not_owner");
  });

  it("sharing is one update: the recipe appears in the public list at once, and unsharing removes it", async () => {
    const anon = app.client();
    const shared = await ann.client.patch(`/_api/collections/recipes/${ids.annPrivate}`, { shared: true });
    expect(shared.status).toBe(200);
    expect(titles((await json<{ items: Recipe[] }>(await anon.get("/_api/collections/recipes"))).items)).toContain(
      "ann private",
    );
    expect((await ann.client.patch(`/_api/collections/recipes/${ids.annPrivate}`, { shared: false })).status).toBe(200);
    expect(titles((await json<{ items: Recipe[] }>(await anon.get("/_api/collections/recipes"))).items)).not.toContain(
      "ann private",
    );
  });

  it("filters and sort orders on indexed fields narrow what the rule allows", async () => {
    const anon = app.client();
    const italian = await json<{ items: Recipe[] }>(await anon.get("/_api/collections/recipes?where[cuisine]=italian"));
    expect(titles(italian.items)).toEqual(["ann shared"]);
    const quick = await json<{ items: Recipe[] }>(await ann.client.get("/_api/collections/recipes?sort=minutes"));
    expect(titles(quick.items)).toEqual(["ann shared", "ann private", "ben shared"]);
    const newest = await json<{ items: Recipe[] }>(await ann.client.get("/_api/collections/recipes?sort=-createdAt"));
    expect(titles(newest.items)).toEqual(["ben shared", "ann shared", "ann private"]);
    const mine = await json<{ items: Recipe[] }>(
      await ann.client.get("/_api/collections/recipes?where[ownerId]=@me&sort=-title"),
    );
    expect(titles(mine.items)).toEqual(["ann shared", "ann private"]);
  });

  it("a field that is not indexed, or is hidden, cannot filter or sort (400)", async () => {
    for (const [q, code] of [
      ["where[notes]=x", "invalid_filter"],
      ["where[shared]=false", "invalid_filter"],
      [`where[ownerId]=${ann.id}`, "invalid_filter"],
      ["sort=notes", "invalid_sort"],
      ["sort=-ownerId", "invalid_sort"],
    ] as const) {
      const res = await ben.client.get(`/_api/collections/recipes?${q}`);
      expect(res.status, q).toBe(400);
      expect((await errorOf(res)).code, q).toBe(code);
    }
  });

  it("a free account holds 10 recipes; the eleventh is 429 and stores nothing; pro holds more", async () => {
    const cat = await signUp(app, "cat@example.com");
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => cat.client.post("/_api/collections/recipes", { title: `r${i}` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(2);
    const all = await json<{ items: Recipe[] }>(
      await cat.client.get("/_api/collections/recipes?where[ownerId]=@me&limit=100"),
    );
    expect(all.items).toHaveLength(10);
    await grantPlan(app, cat.id, "pro");
    expect((await cat.client.post("/_api/collections/recipes", { title: "r-pro" })).status).toBe(201);
  });
});
