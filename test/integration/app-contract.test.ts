import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { errorOf, grantPlan, latestToken, makeApp, signUp, type TestApp, type TestUser } from "../attacks/helpers/app";
import { appOrigin, Client } from "../helpers/client";
import { seedApp } from "../helpers/seed";

/** Two apps × two users through the app-plane contract (DESIGN.md §5). */

interface Item {
  id: string;
  ownerId: string | null;
  createdAt: number;
  updatedAt: number;
  [k: string]: unknown;
}

let appA: TestApp;
let appB: TestApp;
let alice: TestUser; // app A
let bob: TestUser; // app A
let carol: TestUser; // app B

beforeAll(async () => {
  appA = await makeApp("contract-a");
  appB = await makeApp("contract-b");
  [alice, bob, carol] = await Promise.all([
    signUp(appA, "alice@example.com"),
    signUp(appA, "bob@example.com"),
    signUp(appB, "carol@example.com"),
  ]);
});

describe("auth", () => {
  it("me answers the allow-listed user and entitlements (T04)", async () => {
    const res = await alice.client.get("/_api/auth/me");
    expect(res.status).toBe(200);
    const body = await json<{ user: Record<string, unknown>; entitlements: unknown }>(res);
    expect(Object.keys(body.user).sort()).toEqual(["createdAt", "email", "emailVerified", "id"]);
    expect(body.entitlements).toEqual({ plans: [], grants: [] });
    expect(JSON.stringify(body)).not.toMatch(/argon2|password|secret/i);
  });

  it("anonymous me is 401", async () => {
    expect((await appA.client().get("/_api/auth/me")).status).toBe(401);
  });

  it("the same email is a separate account in another app", async () => {
    const other = await signUp(appB, "alice@example.com");
    expect(other.id).not.toBe(alice.id);
  });

  it("logout revokes the session", async () => {
    const temp = appA.client();
    const login = await temp.post("/_api/auth/login", {
      email: "bob@example.com",
      password: "correct-horse-battery-staple",
    });
    expect(login.status).toBe(200);
    const token = temp.cookie("sandlot_app_session")!;
    expect((await temp.post("/_api/auth/logout")).status).toBe(204);
    const replay = appA.client();
    replay.setCookie("sandlot_app_session", token);
    expect((await replay.get("/_api/auth/me")).status).toBe(401);
    // Bob's own session is untouched by another browser's logout.
    expect((await bob.client.get("/_api/auth/me")).status).toBe(200);
  });
});

describe("owner collections", () => {
  it("create, read, patch, delete own notes; the server sets owner and times", async () => {
    const created = await alice.client.post("/_api/collections/notes", {
      title: "Milk",
      body: "2 litres",
      done: false,
    });
    expect(created.status).toBe(201);
    const { item } = await json<{ item: Item }>(created);
    expect(item).toMatchObject({ ownerId: alice.id, title: "Milk", body: "2 litres", done: false });
    expect(item.createdAt).toBe(item.updatedAt);

    const read = await alice.client.get(`/_api/collections/notes/${item.id}`);
    expect((await json<{ item: Item }>(read)).item).toEqual(item);

    const patched = await alice.client.patch(`/_api/collections/notes/${item.id}`, { done: true, body: null });
    expect(patched.status).toBe(200);
    const after = (await json<{ item: Item }>(patched)).item;
    expect(after).toMatchObject({ id: item.id, title: "Milk", done: true, ownerId: alice.id });
    expect(after).not.toHaveProperty("body");

    expect((await alice.client.delete(`/_api/collections/notes/${item.id}`)).status).toBe(204);
    expect((await alice.client.get(`/_api/collections/notes/${item.id}`)).status).toBe(404);
  });

  it("lists only the caller's own notes (owner isolation)", async () => {
    await alice.client.post("/_api/collections/notes", { title: "alice-only" });
    await bob.client.post("/_api/collections/notes", { title: "bob-only" });
    const a = await json<{ items: Item[] }>(await alice.client.get("/_api/collections/notes"));
    const b = await json<{ items: Item[] }>(await bob.client.get("/_api/collections/notes"));
    expect(a.items.map((i) => i.title)).toContain("alice-only");
    expect(a.items.every((i) => i.ownerId === alice.id)).toBe(true);
    expect(b.items.map((i) => i.title)).toEqual(["bob-only"]);
  });

  it("anonymous list of an owner collection is 401", async () => {
    expect((await appA.client().get("/_api/collections/notes")).status).toBe(401);
  });
});

describe("public collections", () => {
  it("anyone reads posts; only signed-in users create; only the owner changes", async () => {
    const created = await alice.client.post("/_api/collections/posts", { title: "Hello world" });
    expect(created.status).toBe(201);
    const { item } = await json<{ item: Item }>(created);
    const anon = appA.client();
    expect((await anon.get(`/_api/collections/posts/${item.id}`)).status).toBe(200);
    expect((await anon.post("/_api/collections/posts", { title: "spam" })).status).toBe(401);
    const bobPatch = await bob.client.patch(`/_api/collections/posts/${item.id}`, { title: "defaced" });
    // Bob can see the post, so hiding it would be a lie: a plain 403.
    expect(bobPatch.status).toBe(403);
    expect((await errorOf(bobPatch)).code).toBe("not_owner");
    expect((await bob.client.delete(`/_api/collections/posts/${item.id}`)).status).toBe(403);
    const still = await json<{ item: Item }>(await anon.get(`/_api/collections/posts/${item.id}`));
    expect(still.item.title).toBe("Hello world");
  });
});

describe("plans (T05, T08)", () => {
  it("premium is refused without the plan and allowed with it", async () => {
    const denied = await bob.client.post("/_api/collections/premium", { title: "x" });
    expect(denied.status).toBe(403);
    expect((await errorOf(denied)).code).toBe("plan_required");
    expect((await bob.client.get("/_api/collections/premium")).status).toBe(403);
    await grantPlan(appA, bob.id, "pro");
    const me = await json<{ entitlements: { plans: string[]; grants: string[] } }>(
      await bob.client.get("/_api/auth/me"),
    );
    expect(me.entitlements).toEqual({ plans: ["pro"], grants: ["notes:many", "premium"] });
    expect((await bob.client.post("/_api/collections/premium", { title: "x" })).status).toBe(201);
    expect((await bob.client.get("/_api/collections/premium")).status).toBe(200);
    // A plan in another app means nothing here, and a cancelled one means nothing anywhere.
    expect((await carol.client.get("/_api/collections/premium")).status).toBe(403);
    await grantPlan(appB, carol.id, "pro", "canceled");
    expect((await carol.client.get("/_api/collections/premium")).status).toBe(403);
  });
});

describe("field validation and unique fields", () => {
  it("validates datetime, integer range and select options from the manifest", async () => {
    const ok = await alice.client.post("/_api/collections/slots", {
      startsAt: "2026-12-01T10:00:00Z",
      minutes: 30,
      room: "a",
    });
    expect(ok.status).toBe(201);
    for (const bad of [
      { startsAt: "tomorrow", minutes: 30 },
      { startsAt: "2026-12-01T10:00:00Z", minutes: 30.5 },
      { startsAt: "2026-12-01T10:00:00Z", minutes: 1 },
      { startsAt: "2026-12-01T10:00:00Z", minutes: 30, room: "c" },
      { minutes: 30 },
    ]) {
      const res = await alice.client.post("/_api/collections/slots", bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });

  it("a second booking of the same slot is a 409 and the first stands", async () => {
    const first = await alice.client.post("/_api/collections/bookings", { slotId: "slot-1" });
    expect(first.status).toBe(201);
    const second = await bob.client.post("/_api/collections/bookings", { slotId: "slot-1" });
    expect(second.status).toBe(409);
    expect((await errorOf(second)).code).toBe("unique_violation");
    // Deleting the booking frees the slot.
    const { item } = await json<{ item: Item }>(first);
    expect((await alice.client.delete(`/_api/collections/bookings/${item.id}`)).status).toBe(204);
    expect((await bob.client.post("/_api/collections/bookings", { slotId: "slot-1" })).status).toBe(201);
  });

  it("unknown collections are 404", async () => {
    expect((await alice.client.get("/_api/collections/users")).status).toBe(404);
    expect((await alice.client.post("/_api/collections/__proto__", { title: "x" })).status).toBe(404);
  });
});

describe("pagination", () => {
  it("walks every post exactly once with signed cursors", async () => {
    for (let i = 0; i < 7; i++)
      expect((await carol.client.post("/_api/collections/posts", { title: `p${i}` })).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : "?limit=3";
      const page = await json<{ items: Item[]; nextCursor: string | null }>(
        await carol.client.get(`/_api/collections/posts${q}`),
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.title as string));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(["p0", "p1", "p2", "p3", "p4", "p5", "p6"]);
    expect(pages).toBe(3);
  });
});

describe("creator rules", () => {
  it("the creator, signed up with their verified account email, may post; nobody else may", async () => {
    await seedApp({ slug: "contract-c", templateId: "sandlot-test", creatorEmail: "maker@example.com" });
    const app: TestApp = {
      slug: "contract-c",
      appId: "",
      origin: appOrigin("contract-c"),
      client: () => new Client(appOrigin("contract-c")),
    };
    const maker = await signUp(app, "maker@example.com");
    // Anyone can sign up with the creator's address; only confirming it makes them the creator.
    expect((await maker.client.post("/_api/collections/announcements", { title: "hi" })).status).toBe(403);
    const { env } = await import("cloudflare:workers");
    const { findAppBySlug } = await import("../../platform/apps/queries");
    app.appId = (await findAppBySlug(env.DB, "contract-c"))!.id;
    const token = (await latestToken(app, "maker@example.com", "verify"))!;
    expect((await app.client().post("/_api/auth/verify", { token })).status).toBe(200);
    expect((await maker.client.post("/_api/collections/announcements", { title: "hi" })).status).toBe(201);
    // The creator of app C is nobody special on app A.
    expect((await alice.client.post("/_api/collections/announcements", { title: "x" })).status).toBe(403);
    expect((await appA.client().get("/_api/collections/announcements")).status).toBe(200);
  });
});
