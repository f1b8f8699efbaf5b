import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppObject } from "../../platform/object/app-object";
import { ensureSearchIndex } from "../../platform/object/search-index";
import { appStoreOf } from "../../platform/object/store";
import { getTemplate } from "../../platform/templates/registry";
import { appStub } from "../../platform/worker/stubs";
import { type Client, json } from "../helpers/client";
import { appRows } from "../integration/billing-helpers";
import { errorOf, makeApp, signUp, signUpVerified, type TestApp, type TestUser } from "./helpers/app";

/**
 * Simple search (`?q=`) attacked: a search must never return what the same list would not (T66):
 * pending listings of other users, other users' private notes, documents whose words changed or
 * that were deleted. Search is one more AND on the list's query, so every case is also checked
 * against the list itself.
 */

let app: TestApp;
let creator: TestUser;
let author: TestUser;
let other: TestUser;
let pendingId: string;
let approvedId: string;

type Items = { items: { id: string; title: string }[]; nextCursor: string | null };
const titles = async (client: Client, path: string): Promise<string[]> => {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return (await json<Items>(res)).items.map((i) => i.title).sort();
};

const create = async (u: TestUser, collection: string, data: Record<string, unknown>): Promise<string> => {
  const res = await u.client.post(`/_api/collections/${collection}`, data);
  expect(res.status).toBe(201);
  return (await json<{ item: { id: string } }>(res)).item.id;
};

beforeAll(async () => {
  app = await makeApp("t66search", "sandlot-shop", { creatorEmail: "maker-t66@example.com" });
  [creator, author, other] = await Promise.all([
    signUpVerified(app, "maker-t66@example.com"),
    signUp(app, "author-t66@example.com"),
    signUp(app, "other-t66@example.com"),
  ]);
  pendingId = await create(author, "listings", {
    title: "Fresh sourdough bread",
    body: "Baked every morning",
    category: "food",
    status: "pending",
  });
  approvedId = await create(creator, "listings", {
    title: "Sourdough starter kit",
    body: "Crème brûlée torch included",
    category: "tools",
    status: "approved",
  });
  await create(creator, "listings", { title: "Hammer", body: "Heavy", category: "tools", status: "approved" });
  await create(author, "notes", { title: "secret sourdough recipe" });
});

describe("T66 a search returns only what the list would", () => {
  it("hides pending listings from everyone but their owner and the creator", async () => {
    const anonymous = app.client();
    expect(await titles(anonymous, "/_api/collections/listings?q=sour")).toEqual(["Sourdough starter kit"]);
    expect(await titles(other.client, "/_api/collections/listings?q=sourdough")).toEqual(["Sourdough starter kit"]);
    expect(await titles(other.client, "/_api/collections/listings?q=bread")).toEqual([]);
    expect(await titles(author.client, "/_api/collections/listings?q=sour")).toEqual([
      "Fresh sourdough bread",
      "Sourdough starter kit",
    ]);
    expect(await titles(creator.client, "/_api/collections/listings?search=bread")).toEqual(["Fresh sourdough bread"]);
    // The same answers as the list, narrowed: never a document the list does not hold.
    for (const client of [anonymous, other.client, author.client, creator.client]) {
      const all = await titles(client, "/_api/collections/listings");
      for (const t of await titles(client, "/_api/collections/listings?q=s")) expect(all).toContain(t);
    }
  });

  it("never shows another user's private notes, and refuses a signed-out search like the list", async () => {
    expect(await titles(other.client, "/_api/collections/notes?q=secret")).toEqual([]);
    expect(await titles(author.client, "/_api/collections/notes?q=secret")).toEqual(["secret sourdough recipe"]);
    const signedOut = await app.client().get("/_api/collections/notes?q=secret");
    expect(signedOut.status).toBe(401);
  });

  it("cannot reach a rule-gated collection the list refuses, nor search fields that are not searchable", async () => {
    const gated = await other.client.get("/_api/collections/chapters?q=chapter");
    expect(gated.status).toBe(403);
    expect((await errorOf(gated)).code).toBe("purchase_required");
    // Listings' category is not searchable text: its value is no search term.
    expect(await titles(creator.client, "/_api/collections/listings?q=food")).toEqual([]);
  });

  it("matches every word as a prefix, folding case and accents", async () => {
    const c = app.client();
    expect(await titles(c, "/_api/collections/listings?q=SOURD%20kit")).toEqual(["Sourdough starter kit"]);
    expect(await titles(c, "/_api/collections/listings?q=creme%20brulee")).toEqual(["Sourdough starter kit"]);
    expect(await titles(c, "/_api/collections/listings?q=sour%20hammer")).toEqual([]);
    expect(await titles(c, "/_api/collections/listings?q=%25")).toHaveLength(0);
    expect(await titles(c, "/_api/collections/listings?q=*")).toHaveLength(0);
    expect(await titles(c, "/_api/collections/listings?q=tools&where[category]=tools")).toEqual([]);
    expect(await titles(c, "/_api/collections/listings?q=h&where[category]=tools")).toEqual(["Hammer"]);
  });

  it("forgets the words a document no longer has, and the document once deleted", async () => {
    expect((await author.client.patch(`/_api/collections/listings/${pendingId}`, { title: "Rye loaf" })).status).toBe(
      200,
    );
    expect(await titles(author.client, "/_api/collections/listings?q=bread")).toEqual([]);
    expect(await titles(author.client, "/_api/collections/listings?q=rye")).toEqual(["Rye loaf"]);
    expect((await author.client.delete(`/_api/collections/listings/${pendingId}`)).status).toBe(204);
    expect(await titles(author.client, "/_api/collections/listings?q=rye")).toEqual([]);
    expect(await appRows(app.appId, `SELECT * FROM search_terms WHERE document_id = '${pendingId}'`)).toEqual([]);
  });

  it("pages a search with cursors bound to its words", async () => {
    const first = await json<Items>(await app.client().get("/_api/collections/listings?q=s&limit=1"));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeNull();
    const page = await json<Items>(await app.client().get("/_api/collections/listings?q=h&limit=1"));
    expect(page.items.map((i) => i.title)).toEqual(["Hammer"]);
    const both = await json<Items>(await app.client().get("/_api/collections/listings?limit=1"));
    expect(both.nextCursor).not.toBeNull();
    // A cursor from the plain list does not continue a search (another question).
    const swapped = await app
      .client()
      .get(`/_api/collections/listings?q=s&limit=1&cursor=${encodeURIComponent(both.nextCursor!)}`);
    expect(swapped.status).toBe(400);
  });

  it("refuses bad searches with 400 and says why", async () => {
    const cases: [string, string][] = [
      [`/_api/collections/listings?q=${"a".repeat(201)}`, "invalid_search"],
      ["/_api/collections/listings?q=a%20b%20c%20d%20e%20f%20g", "invalid_search"],
      ["/_api/collections/listings?q=a&q=b", "invalid_search"],
      ["/_api/collections/chapters?q=x", "invalid_search"],
    ];
    for (const [path, code] of cases) {
      const res = await creator.client.get(path);
      expect(res.status, path).toBe(400);
      expect((await errorOf(res)).code).toBe(code);
    }
  });

  it("rebuilds the index in batches when the searchable fields it was built for are not the manifest's", async () => {
    await runInDurableObject(appStub(env, app.appId), (_o: AppObject, state) => {
      state.storage.sql.exec("DELETE FROM search_terms");
      state.storage.kv.put("search:signature", "[]");
    });
    // A fresh object would read the stale signature; this one is told by calling it directly.
    const rounds = await runInDurableObject(appStub(env, app.appId), (_o: AppObject, state) => {
      const manifest = getTemplate(env, "sandlot-shop")!.manifest;
      const store = appStoreOf(state.storage);
      const pending: (readonly string[])[] = [];
      for (let i = 0; i < 20; i++) {
        const left = ensureSearchIndex(store, { ...manifest }, { batch: 1 });
        pending.push(left);
        if (left.length === 0) break;
      }
      return pending;
    });
    // One listing per call (two are stored), and the other searchable collections in turn.
    expect(rounds[0]).toContain("listings");
    expect(rounds.at(-1)).toEqual([]);
    expect(rounds.length).toBeGreaterThan(3);
    expect(await titles(app.client(), "/_api/collections/listings?q=hammer")).toEqual(["Hammer"]);
    expect(approvedId).toBeTruthy();
  });
});
