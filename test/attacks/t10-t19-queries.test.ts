import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { seedDocuments } from "../integration/export-helpers";
import { errorOf, makeApp, signUp, signUpVerified, type TestApp, type TestUser } from "./helpers/app";

let app: TestApp;
let alice: TestUser;

beforeAll(async () => {
  app = await makeApp("t10");
  alice = await signUp(app, "alice@example.com");
  for (let i = 0; i < 25; i++) await alice.client.post("/_api/collections/posts", { title: `post ${i}` });
});

describe("T10 SQL- and operator-shaped input", () => {
  it.each(["' OR 1=1 --", "1; DROP TABLE documents", "%27%20OR%20%271%27%3D%271", "$ne", "__proto__"])(
    "id %j is a 404",
    async (id) => {
      const res = await alice.client.get(`/_api/collections/posts/${encodeURIComponent(id)}`);
      expect(res.status).toBe(404);
    },
  );
  it("operator objects in fields are 400 from the schema", async () => {
    const res = await alice.client.post("/_api/collections/posts", { title: { $ne: null } });
    expect(res.status).toBe(400);
  });
  it("SQL in a text field is stored as text and the table is intact", async () => {
    const evil = "x'); DELETE FROM documents; --";
    const res = await alice.client.post("/_api/collections/posts", { title: evil });
    expect(res.status).toBe(201);
    const { item } = await json<{ item: { id: string } }>(res);
    const back = await json<{ item: { title: string } }>(await alice.client.get(`/_api/collections/posts/${item.id}`));
    expect(back.item.title).toBe(evil);
    const all = await json<{ items: unknown[] }>(await alice.client.get("/_api/collections/posts?limit=100"));
    expect(all.items).toHaveLength(26);
  });
});

describe("T10 SQL in a filter value", () => {
  it("a where value is bound, never spliced: injections match nothing and widen no list past its rules", async () => {
    const rules = await makeApp("t10-rules", "sandlot-rules", { creatorEmail: "maker-t10@example.com" });
    const [maker, author] = await Promise.all([
      signUpVerified(rules, "maker-t10@example.com"),
      signUp(rules, "author-t10@example.com"),
    ]);
    const draft = { title: "hidden draft", status: "draft", secret: "canary-t10-draft" };
    expect((await author.client.post("/_api/collections/posts", draft)).status).toBe(201);
    const published = { title: "published one", status: "published" };
    expect((await maker.client.post("/_api/collections/posts", published)).status).toBe(201);
    const anonymous = rules.client();
    const titles = async (value: string): Promise<string[]> => {
      const res = await anonymous.get(`/_api/collections/posts?where[title]=${encodeURIComponent(value)}`);
      expect(res.status).toBe(200);
      return (await json<{ items: Array<{ title: string }> }>(res)).items.map((i) => i.title);
    };
    // The control: an exact title finds its published post, so the empty answers below are not vacuous.
    expect(await titles("published one")).toEqual(["published one"]);
    for (const injection of ["x') OR 1=1 OR ('1'='1", "' OR '1'='1", "hidden draft' OR 1=1 --", "published one' --"])
      expect(await titles(injection)).toEqual([]);
  });
});

describe("T19 unbounded lists, odd limits, tampered cursors", () => {
  it("default limit is 20", async () => {
    const page = await json<{ items: unknown[]; nextCursor: string | null }>(
      await app.client().get("/_api/collections/posts"),
    );
    expect(page.items).toHaveLength(20);
    expect(page.nextCursor).toBeTruthy();
  });
  it("a huge limit is clamped to 100 and 0 to 1", async () => {
    // More posts than the cap (26 + 90), so a missing clamp would show as more than 100 items.
    const fields = (i: number) => ({ title: `seeded ${i}` });
    await seedDocuments(app.appId, { collection: "posts", owners: [alice.id], count: 90, fields });
    expect(
      (await json<{ items: unknown[] }>(await app.client().get("/_api/collections/posts?limit=100000"))).items,
    ).toHaveLength(100);
    expect(
      (await json<{ items: unknown[] }>(await app.client().get("/_api/collections/posts?limit=0"))).items,
    ).toHaveLength(1);
  });
  it.each(["-1", "1.5", "abc", "1e3", "", "20 OR 1=1"])("limit=%j is a 400", async (limit) => {
    const res = await app.client().get(`/_api/collections/posts?limit=${encodeURIComponent(limit)}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_limit");
  });
  it("tampered, truncated, foreign and garbage cursors are 400", async () => {
    const page = await json<{ nextCursor: string }>(await app.client().get("/_api/collections/posts?limit=2"));
    const [payload, mac] = page.nextCursor.split(".") as [string, string];
    const decoded = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const forged = btoa(JSON.stringify({ ...decoded, t: 0 }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const other = await json<{ nextCursor: string }>(await alice.client.get("/_api/collections/notes?limit=1"));
    for (const cursor of [
      `${forged}.${mac}`,
      payload,
      `${payload}.`,
      "x".repeat(600),
      "' OR 1=1",
      `${payload}.${mac.slice(0, -2)}AA`,
      other.nextCursor ?? "a.b",
    ]) {
      const res = await app.client().get(`/_api/collections/posts?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor.slice(0, 40)).toBe(400);
    }
  });
});
