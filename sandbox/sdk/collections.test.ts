import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authStore, resetAuthForTests } from "./auth";
import { createCollectionController, createDocController, listQuery } from "./collections";
import { SandlotError } from "./core";
import { fakeTransport, flush, type FakeTransport } from "./testing";
import { configureSdk } from "./transport";

const doc = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  ownerId: "u1",
  createdAt: 1_790_000_000_000,
  updatedAt: 1_790_000_000_000,
  ...extra,
});

let t: FakeTransport;
beforeEach(() => {
  resetAuthForTests();
  t = fakeTransport();
  t.on("GET", "/_api/auth/me", { status: 401, body: null });
  configureSdk({ transport: t });
});

// Every started controller is stopped after its test, so none leaks into the next one.
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});
function run<T extends { start(): () => void }>(c: T): T {
  stops.push(c.start());
  return c;
}

const lists = () => t.calls.filter((c) => c.method === "GET" && c.path.startsWith("/_api/collections/"));

describe("collection controller", () => {
  it("loads the first page with the limit and exposes items and hasMore", async () => {
    t.on("GET", "/_api/collections/todos?limit=5", {
      status: 200,
      body: { items: [doc("a"), doc("b")], nextCursor: "c2" },
    });
    const c = createCollectionController("todos", { limit: 5 });
    expect(c.get()).toMatchObject({ items: [], loading: true });
    run(c);
    await flush();
    expect(c.get()).toMatchObject({ loading: false, error: null, hasMore: true });
    expect(c.get().items.map((i) => i.id)).toEqual(["a", "b"]);
  });

  it("clamps the limit to 1..100", async () => {
    const c = createCollectionController("todos", { limit: 10_000 });
    run(c);
    await flush();
    expect(lists()[0]?.path).toBe("/_api/collections/todos?limit=100");
  });

  it("loadMore sends the cursor (encoded) and appends without duplicates", async () => {
    t.on("GET", "/_api/collections/todos?limit=2", {
      status: 200,
      body: { items: [doc("a"), doc("b")], nextCursor: "x/y=" },
    });
    t.on("GET", "/_api/collections/todos?limit=2&cursor=x%2Fy%3D", {
      status: 200,
      body: { items: [doc("b"), doc("c")], nextCursor: null },
    });
    const c = createCollectionController("todos", { limit: 2 });
    run(c);
    await flush();
    await Promise.all([c.loadMore(), c.loadMore()]);
    expect(c.get().items.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(c.get().hasMore).toBe(false);
    expect(lists()).toHaveLength(2);
  });

  it("create posts the data and adds the server's item; update and remove follow", async () => {
    t.on("GET", /^\/_api\/collections\/todos\?/, {
      status: 200,
      body: { items: [doc("a", { title: "A" })], nextCursor: null },
    });
    t.on("POST", "/_api/collections/todos", (c) => ({
      status: 201,
      body: { item: doc("n", c.body as Record<string, unknown>) },
    }));
    t.on("PATCH", "/_api/collections/todos/a", (c) => ({
      status: 200,
      body: { item: doc("a", c.body as Record<string, unknown>) },
    }));
    t.on("DELETE", "/_api/collections/todos/n", { status: 204, body: null });
    const c = createCollectionController("todos");
    run(c);
    await flush();
    const created = await c.create({ title: "New" });
    expect(t.calls.find((x) => x.method === "POST")).toEqual({
      method: "POST",
      path: "/_api/collections/todos",
      body: { title: "New" },
    });
    expect(created).toMatchObject({ id: "n", title: "New" });
    expect(c.get().items.map((i) => i.id)).toEqual(["n", "a"]);
    await c.update("a", { title: "A2" });
    expect(c.get().items.find((i) => i.id === "a")).toMatchObject({ title: "A2" });
    await c.remove("n");
    expect(c.get().items.map((i) => i.id)).toEqual(["a"]);
  });

  it("changes made while the first load is in flight survive its older answer", async () => {
    // The list was read before the create and the remove, but its answer arrives after them.
    let answer: (items: unknown[]) => void = () => {};
    t.on(
      "GET",
      /^\/_api\/collections\/todos\?/,
      () =>
        new Promise((resolve) => {
          answer = (items) => resolve({ status: 200, body: { items, nextCursor: null } });
        }),
    );
    t.on("POST", "/_api/collections/todos", { status: 201, body: { item: doc("n", { title: "New" }) } });
    t.on("DELETE", "/_api/collections/todos/old", { status: 204, body: null });
    const c = run(createCollectionController("todos"));
    await flush();
    await c.create({ title: "New" });
    await c.remove("old");
    answer([doc("old"), doc("a")]);
    await flush();
    expect(c.get()).toMatchObject({ loading: false, error: null });
    expect(c.get().items.map((i) => i.id)).toEqual(["n", "a"]);
  });

  it("where and sort go into the query in a fixed order, encoded, before the cursor", async () => {
    t.on("GET", /^\/_api\/collections\/recipes\?/, { status: 200, body: { items: [doc("a")], nextCursor: "n/1" } });
    const c = createCollectionController("recipes", {
      limit: 3,
      sort: "-createdAt",
      where: { shared: true, cuisine: "tex mex", ownerId: "@me", minutes: 10 },
    });
    run(c);
    await flush();
    await c.loadMore();
    const paths = lists().map((x) => x.path);
    const q =
      "?limit=3&sort=-createdAt&where%5Bcuisine%5D=tex%20mex&where%5Bminutes%5D=10&where%5BownerId%5D=%40me&where%5Bshared%5D=true";
    expect(paths).toEqual([`/_api/collections/recipes${q}`, `/_api/collections/recipes${q}&cursor=n%2F1`]);
    expect(listQuery({ where: { b: 1, a: "x" } }, 20)).toBe(listQuery({ where: { a: "x", b: 1 } }, 20));
  });

  it("a create answered 204 (stored, not readable by this user) resolves to null and adds nothing", async () => {
    t.on("GET", /^\/_api\/collections\/inbox\?/, { status: 200, body: { items: [], nextCursor: null } });
    t.on("POST", "/_api/collections/inbox", { status: 204, body: null });
    const c = createCollectionController("inbox");
    run(c);
    await flush();
    expect(await c.create({ message: "hi" })).toBeNull();
    expect(c.get().items).toEqual([]);
  });

  it("an update answered 204 (no longer readable) resolves to null and drops the item from every view", async () => {
    t.on("GET", /^\/_api\/collections\/tickets\?/, {
      status: 200,
      body: { items: [doc("a"), doc("b")], nextCursor: null },
    });
    t.on("GET", "/_api/collections/tickets/a", { status: 200, body: { item: doc("a") } });
    t.on("PATCH", "/_api/collections/tickets/a", { status: 204, body: null });
    const one = run(createCollectionController("tickets"));
    const two = run(createCollectionController("tickets"));
    const d = run(createDocController("tickets", "a"));
    await flush();
    expect(await one.update("a", { status: "closed" })).toBeNull();
    expect(one.get().items.map((i) => i.id)).toEqual(["b"]);
    expect(two.get().items.map((i) => i.id)).toEqual(["b"]);
    expect(d.get().item).toBeNull();
  });

  it("a filtered or sorted list asks the server again after a change instead of placing the item itself", async () => {
    t.on("GET", /^\/_api\/collections\/todos\?/, {
      status: 200,
      body: { items: [doc("a", { done: false })], nextCursor: null },
    });
    t.on("POST", "/_api/collections/todos", { status: 201, body: { item: doc("n", { done: true }) } });
    t.on("PATCH", "/_api/collections/todos/a", { status: 200, body: { item: doc("a", { done: true }) } });
    const filtered = run(createCollectionController("todos", { where: { done: false } }));
    const plain = run(createCollectionController("todos"));
    await flush();
    const before = lists().length;
    await filtered.create({ title: "x", done: true });
    await plain.update("a", { done: true });
    await flush();
    // The filtered list reloaded twice (its own create, the other list's update); the plain list once (the create).
    expect(lists().length - before).toBe(3);
    expect(filtered.get().items.map((i) => i.id)).toEqual(["a"]);
  });

  it("a failed mutation rejects with SandlotError and changes nothing", async () => {
    t.on("GET", /^\/_api\/collections\/todos\?/, { status: 200, body: { items: [doc("a")], nextCursor: null } });
    t.on("POST", "/_api/collections/todos", {
      status: 400,
      body: { error: { code: "invalid_field", message: "title is required" } },
    });
    const c = createCollectionController("todos");
    run(c);
    await flush();
    const before = c.get();
    const err = await c.create({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SandlotError);
    expect(err).toMatchObject({ code: "invalid_field", status: 400 });
    expect(c.get()).toBe(before);
  });

  it("a failed load surfaces error and keeps loading false", async () => {
    t.on("GET", /^\/_api\/collections\/secret\?/, {
      status: 403,
      body: { error: { code: "forbidden", message: "Nope." } },
    });
    const c = createCollectionController("secret");
    run(c);
    await flush();
    expect(c.get()).toMatchObject({ loading: false, error: { code: "forbidden", status: 403 } });
  });

  it("changes made through one list reach other lists and docs of the same collection", async () => {
    t.on("GET", /^\/_api\/collections\/todos\?/, {
      status: 200,
      body: { items: [doc("a", { title: "A" })], nextCursor: null },
    });
    t.on("GET", "/_api/collections/todos/a", { status: 200, body: { item: doc("a", { title: "A" }) } });
    t.on("PATCH", "/_api/collections/todos/a", { status: 200, body: { item: doc("a", { title: "edited" }) } });
    t.on("DELETE", "/_api/collections/todos/a", { status: 204, body: null });
    const one = createCollectionController("todos");
    const two = createCollectionController("todos");
    const other = createCollectionController("notes");
    const d = createDocController("todos", "a");
    for (const x of [one, two, other, d]) run(x);
    await flush();
    await one.update("a", { title: "edited" });
    expect(two.get().items[0]).toMatchObject({ title: "edited" });
    expect(d.get().item).toMatchObject({ title: "edited" });
    await one.remove("a");
    expect(two.get().items).toEqual([]);
    expect(d.get().item).toBeNull();
  });

  it("refreshes when the signed-in user changes (rules depend on who asks)", async () => {
    t.on("GET", /^\/_api\/collections\/todos\?/, { status: 200, body: { items: [], nextCursor: null } });
    const c = createCollectionController("todos");
    run(c);
    await flush();
    const n = lists().length;
    authStore.set({
      user: { id: "u2", email: "b@example.test" },
      plans: [],
      grants: [],
      creator: false,
      loading: false,
      error: null,
    });
    await flush();
    expect(lists().length).toBe(n + 1);
  });

  it("stops updating after stop()", async () => {
    let release!: () => void;
    t.on(
      "GET",
      /^\/_api\/collections\/todos\?/,
      () => new Promise((r) => (release = () => r({ status: 200, body: { items: [doc("a")], nextCursor: null } }))),
    );
    const c = createCollectionController("todos");
    const stop = c.start();
    await flush();
    stop();
    release();
    await flush();
    expect(c.get().items).toEqual([]);
  });
});

describe("doc controller", () => {
  it("GETs /_api/collections/:name/:id (encoded)", async () => {
    t.on("GET", "/_api/collections/todos/a%2Fb", { status: 200, body: { item: doc("a/b") } });
    const d = createDocController("todos", "a/b");
    run(d);
    await flush();
    expect(d.get()).toMatchObject({ item: { id: "a/b" }, loading: false, error: null });
  });

  it("404 gives item null and a not_found error", async () => {
    t.on("GET", "/_api/collections/todos/zzz", {
      status: 404,
      body: { error: { code: "not_found", message: "Not found." } },
    });
    const d = createDocController("todos", "zzz");
    run(d);
    await flush();
    expect(d.get()).toMatchObject({ item: null, loading: false, error: { code: "not_found", status: 404 } });
  });

  it("with no id it is idle and makes no request", async () => {
    const d = createDocController("todos", null);
    run(d);
    await flush();
    expect(d.get()).toEqual({ item: null, loading: false, error: null });
    expect(lists()).toHaveLength(0);
    await expect(d.update({})).rejects.toMatchObject({ code: "no_document" });
  });
});
