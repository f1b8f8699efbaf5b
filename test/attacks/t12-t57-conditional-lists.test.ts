import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { errorOf, makeApp, signUp, signUpVerified, type TestApp, type TestUser } from "./helpers/app";

/**
 * T12 and T57 against conditional rules (test/fixtures/templates/sandlot-rules, `posts`:
 * `owner | creator | public where status = "published"`): no filter, sort order, page size or
 * cursor shows a document the rules hide, or tests a field visibility hides; a cursor from one
 * list cannot be replayed in another.
 */

interface Post {
  id: string;
  title: string;
  status: string;
  score?: number;
  featured?: boolean;
  ownerId?: string | null;
  secret?: string;
}

let app: TestApp;
let maker: TestUser;
let alice: TestUser;
let bob: TestUser;
const posts: Record<string, Post> = {};
const owner: Record<string, string> = {};

async function create(user: TestUser, key: string, body: Record<string, unknown>): Promise<void> {
  const res = await user.client.post("/_api/collections/posts", body);
  expect(res.status, await res.clone().text()).toBe(201);
  posts[key] = (await json<{ item: Post }>(res)).item;
  owner[key] = user.id;
}

beforeAll(async () => {
  app = await makeApp("t57", "sandlot-rules", { creatorEmail: "maker-t57@example.com" });
  [maker, alice, bob] = await Promise.all([
    signUpVerified(app, "maker-t57@example.com"),
    signUp(app, "alice@example.com"),
    signUp(app, "bob@example.com"),
  ]);
  await create(alice, "A1", { title: "alice draft one", status: "draft", score: 1, secret: "canary-alice-1" });
  await create(alice, "A2", { title: "alice draft two", status: "draft", score: 7, secret: "canary-alice-2" });
  await create(maker, "P1", { title: "published one", status: "published", score: 3, featured: true });
  await create(maker, "P2", {
    title: "published two",
    status: "published",
    score: 9,
    featured: false,
    secret: "canary-maker",
  });
  await create(maker, "C3", { title: "maker draft", status: "draft", score: 5 });
  await create(bob, "B1", { title: "bob draft", status: "draft", score: 5, secret: "canary-bob" });
});

type Who = "anonymous" | "alice" | "bob" | "maker";
const client = (who: Who) => (who === "anonymous" ? app.client() : { alice, bob, maker }[who].client);
const idOf = (who: Who): string | null => (who === "anonymous" ? null : { alice, bob, maker }[who].id);

/** What each caller may see, written out from the rule (not computed by the code under test). */
const VISIBLE: Record<Who, string[]> = {
  anonymous: ["P1", "P2"],
  alice: ["A1", "A2", "P1", "P2"],
  bob: ["B1", "P1", "P2"],
  maker: ["A1", "A2", "P1", "P2", "C3", "B1"],
};

const WHERES: Array<[string, (p: Post, key: string, who: Who) => boolean]> = [
  ["", () => true],
  ["where[status]=draft", (p) => p.status === "draft"],
  ["where[status]=published", (p) => p.status === "published"],
  ["where[score]=5", (p) => p.score === 5],
  ["where[score]=1", (p) => p.score === 1],
  ["where[featured]=true", (p) => p.featured === true],
  ["where[title]=bob%20draft", (p) => p.title === "bob draft"],
  ["where[title]=maker%20draft", (p) => p.title === "maker draft"],
  ["where[ownerId]=@me", (_p, key, who) => owner[key] === idOf(who)],
  ["where[status]=draft&where[score]=5", (p) => p.status === "draft" && p.score === 5],
];
const SORTS = [
  "",
  "sort=createdAt",
  "sort=-createdAt",
  "sort=status",
  "sort=-status",
  "sort=score",
  "sort=-score",
  "sort=title",
  "sort=-title",
  "sort=featured",
  "sort=-featured",
];

async function walk(who: Who, query: string, limit: number): Promise<Post[]> {
  const out: Post[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const q = [query, `limit=${limit}`, cursor ? `cursor=${encodeURIComponent(cursor)}` : ""].filter(Boolean).join("&");
    const res = await client(who).get(`/_api/collections/posts?${q}`);
    expect(res.status, `${who} ${q}`).toBe(200);
    const body = await json<{ items: Post[]; nextCursor: string | null }>(res);
    out.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return out;
  }
  throw new Error("more than 20 pages");
}

describe("T12, T57: a hidden document never appears in a list, whatever the filter, sort or page size", () => {
  for (const who of ["anonymous", "alice", "bob", "maker"] as const) {
    it(`${who}: every filter × every sort × pages of 2 and 100 show exactly the visible matches`, async () => {
      for (const [where, pick] of WHERES) {
        const want = VISIBLE[who]
          .filter((k) => pick(posts[k] as Post, k, who))
          .map((k) => (posts[k] as Post).id)
          .sort();
        for (const sort of SORTS) {
          for (const limit of [2, 100]) {
            const got = await walk(who, [where, sort].filter(Boolean).join("&"), limit);
            const ids = got.map((p) => p.id);
            expect(new Set(ids).size, `${who} ${where} ${sort} ${limit}: no repeats`).toBe(ids.length);
            expect([...ids].sort(), `${who} ${where} ${sort} ${limit}`).toEqual(want);
          }
        }
      }
    });
  }

  it("sorted pages come back in the order asked for", async () => {
    const byScore = (await walk("maker", "sort=-score", 2)).map((p) => p.score);
    expect(byScore).toEqual([9, 7, 5, 5, 3, 1]);
    const byTitle = (await walk("anonymous", "sort=title", 1)).map((p) => p.title);
    expect(byTitle).toEqual(["published one", "published two"]);
  });

  it("hidden fields never come back in a list: secret only to its owner, ownerId only to owner and creator", async () => {
    for (const who of ["anonymous", "alice", "bob", "maker"] as const) {
      for (const sort of SORTS) {
        for (const p of await walk(who, sort, 100)) {
          const key = Object.keys(posts).find((k) => (posts[k] as Post).id === p.id) as string;
          const mine = owner[key] === idOf(who);
          expect(Object.hasOwn(p, "secret"), `${who} ${key} secret`).toBe(
            mine && (posts[key] as Post).secret !== undefined,
          );
          expect(Object.hasOwn(p, "ownerId"), `${who} ${key} ownerId`).toBe(mine || who === "maker");
        }
      }
    }
  });
});

describe("T57: filters and sorts name only indexed, visible fields", () => {
  it.each([
    ["where[secret]=canary-alice-1", "invalid_filter"],
    ["where[body]=x", "invalid_filter"],
    ["where[locked]=true", "invalid_filter"],
    ["where[ownerId]=USER", "invalid_filter"],
    ["where=1", "invalid_filter"],
    ["where[status][x]=draft", "invalid_filter"],
    ["where.status=draft", "invalid_filter"],
    ["where[status]=draft&where[status]=published", "invalid_filter"],
    ["where[status]=archived", "invalid_filter"],
    ["where[score]=abc", "invalid_filter"],
    ["where[score]=1e999", "invalid_filter"],
    ["where[featured]=1", "invalid_filter"],
    ["where[constructor]=x", "invalid_filter"],
    ["where[__proto__]=x", "invalid_filter"],
    ["sort=secret", "invalid_sort"],
    ["sort=-ownerId", "invalid_sort"],
    ["sort=updatedAt", "invalid_sort"],
    ["sort=score&sort=title", "invalid_sort"],
    ["sort=--score", "invalid_sort"],
    ["sort=json_extract(data,'$.secret')", "invalid_sort"],
  ])("%s is 400 %s", async (query, code) => {
    const res = await bob.client.get(`/_api/collections/posts?${query.replace("USER", alice.id)}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe(code);
  });

  it("five filters at once is one too many", async () => {
    const res = await bob.client.get(
      "/_api/collections/posts?where[status]=draft&where[score]=5&where[title]=x&where[featured]=true&where[ownerId]=@me",
    );
    expect(res.status).toBe(400);
  });
});

describe("T57: a cursor from one list cannot be replayed in another", () => {
  async function cursorFor(who: Who, query: string): Promise<string> {
    const body = await json<{ nextCursor: string | null }>(
      await client(who).get(`/_api/collections/posts?${query}&limit=1`),
    );
    expect(body.nextCursor, query).toBeTruthy();
    return body.nextCursor as string;
  }
  const replay = (who: Who, query: string, cursor: string) =>
    client(who).get(`/_api/collections/posts?${query}&limit=1&cursor=${encodeURIComponent(cursor)}`);

  it("it works in the list it came from (so the refusals below are not vacuous)", async () => {
    const cursor = await cursorFor("maker", "sort=score");
    expect((await replay("maker", "sort=score", cursor)).status).toBe(200);
  });

  it.each([
    ["sort=score", "maker", "sort=-score"],
    ["sort=score", "maker", "sort=title"],
    ["sort=score", "maker", ""],
    ["sort=score", "maker", "sort=score&where[status]=draft"],
    ["where[status]=draft", "maker", "where[status]=published"],
    ["where[status]=draft", "maker", ""],
    ["", "maker", "sort=-createdAt"],
    ["where[ownerId]=@me", "alice", "where[ownerId]=@me"],
    ["", "alice", ""],
  ] as const)("from %j (maker) into %s's %j: 400 invalid_cursor", async (from, who, into) => {
    const cursor = await cursorFor("maker", from);
    const res = await replay(who, into, cursor);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_cursor");
  });

  it("alice's cursor does not work for bob, even for the same query", async () => {
    const cursor = await cursorFor("alice", "sort=title");
    expect((await replay("bob", "sort=title", cursor)).status).toBe(400);
  });
});
