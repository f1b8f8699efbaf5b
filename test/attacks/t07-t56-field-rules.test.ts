import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { errorOf, inObject, makeApp, signUp, signUpVerified, type TestApp, type TestUser } from "./helpers/app";
import { documents } from "../../platform/db/do-schema";

/**
 * Writes against conditional rules (test/fixtures/templates/sandlot-rules):
 * - T07: a field only the creator may write (`writable`) is 400 for anyone else and changes nothing;
 *   a create or update is decided on the document as it will be stored, so an author cannot
 *   publish (`status = "published"`) or edit a locked post.
 * - T56: every answer carrying a document is filtered by the read rule and by field visibility
 *   (204 when the caller may not read what they wrote); a unique conflict names only the field.
 */

interface Item {
  id: string;
  ownerId?: string | null;
  updatedAt: number;
  [k: string]: unknown;
}

let app: TestApp;
let maker: TestUser;
let alice: TestUser;
let bob: TestUser;

async function stored(): Promise<Array<{ id: string; data: string; updatedAt: number }>> {
  return inObject(app, (store) =>
    store.db.select({ id: documents.id, data: documents.data, updatedAt: documents.updatedAt }).from(documents).all(),
  );
}

async function item(user: TestUser, collection: string, id: string): Promise<Item> {
  const res = await user.client.get(`/_api/collections/${collection}/${id}`);
  expect(res.status).toBe(200);
  return (await json<{ item: Item }>(res)).item;
}

beforeAll(async () => {
  app = await makeApp("t56", "sandlot-rules", { creatorEmail: "maker-t56@example.com" });
  [maker, alice, bob] = await Promise.all([
    signUpVerified(app, "maker-t56@example.com"),
    signUp(app, "alice@example.com"),
    signUp(app, "bob@example.com"),
  ]);
});

describe("T07: creator-only fields and rules decided on the document as stored", () => {
  let draft: Item;
  beforeAll(async () => {
    const res = await alice.client.post("/_api/collections/posts", {
      title: "alice's draft",
      status: "draft",
      secret: "alice-canary",
    });
    expect(res.status).toBe(201);
    draft = (await json<{ item: Item }>(res)).item;
  });

  it("creating with a creator-only field is 400 field_not_writable and stores nothing", async () => {
    const before = await stored();
    for (const body of [
      { title: "x", status: "draft", featured: true },
      { title: "x", status: "draft", featured: false },
      { title: "x", status: "draft", locked: false },
    ]) {
      const res = await alice.client.post("/_api/collections/posts", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).code).toBe("field_not_writable");
    }
    expect(await stored()).toEqual(before);
  });

  it("creating a published post as an author is 403 condition_failed and stores nothing", async () => {
    const before = await stored();
    const res = await alice.client.post("/_api/collections/posts", { title: "sneaky", status: "published" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("condition_failed");
    expect(await stored()).toEqual(before);
  });

  it("flipping a creator-only field on one's own post is 400 and changes nothing, even to its current value", async () => {
    const before = await stored();
    for (const patch of [
      { featured: true },
      { locked: false },
      { featured: null },
      { title: "new title", featured: true },
    ]) {
      const res = await alice.client.patch(`/_api/collections/posts/${draft.id}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect((await errorOf(res)).code).toBe("field_not_writable");
    }
    expect(await stored()).toEqual(before);
  });

  it("publishing one's own draft is 403 condition_failed and changes nothing", async () => {
    const before = await stored();
    const res = await alice.client.patch(`/_api/collections/posts/${draft.id}`, { status: "published" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("condition_failed");
    expect(await stored()).toEqual(before);
  });

  it("T11: another user's draft is a 404 whatever the patch; the creator may set what the author may not", async () => {
    const before = await stored();
    for (const patch of [{ featured: true }, { status: "published" }, { title: "bob was here" }]) {
      expect((await bob.client.patch(`/_api/collections/posts/${draft.id}`, patch)).status).toBe(404);
    }
    expect(await stored()).toEqual(before);
    const res = await maker.client.patch(`/_api/collections/posts/${draft.id}`, { featured: true, locked: true });
    expect(res.status).toBe(200);
    expect((await json<{ item: Item }>(res)).item).toMatchObject({ featured: true, locked: true });
  });

  it("a locked post: the author can neither edit nor delete it (403, unchanged), and still reads it", async () => {
    const before = await stored();
    const edit = await alice.client.patch(`/_api/collections/posts/${draft.id}`, { title: "edit while locked" });
    expect(edit.status).toBe(403);
    expect((await errorOf(edit)).code).toBe("condition_failed");
    const del = await alice.client.delete(`/_api/collections/posts/${draft.id}`);
    expect(del.status).toBe(403);
    expect(await stored()).toEqual(before);
    expect((await item(alice, "posts", draft.id)).title).toBe("alice's draft");
  });

  it("once published by the creator, anyone reads it; the author may not change it; others get 403 not_owner", async () => {
    expect(
      (await maker.client.patch(`/_api/collections/posts/${draft.id}`, { status: "published", locked: false })).status,
    ).toBe(200);
    expect((await app.client().get(`/_api/collections/posts/${draft.id}`)).status).toBe(200);
    const author = await alice.client.patch(`/_api/collections/posts/${draft.id}`, { title: "after publishing" });
    expect(author.status).toBe(403);
    expect((await errorOf(author)).code).toBe("condition_failed");
    const other = await bob.client.patch(`/_api/collections/posts/${draft.id}`, { title: "bob" });
    expect(other.status).toBe(403);
    expect((await errorOf(other)).code).toBe("not_owner");
  });
});

describe("T56: a hidden field never appears in any answer", () => {
  it("secret (owner only) and ownerId (owner and creator) in create, read, update and list answers", async () => {
    const created = await alice.client.post("/_api/collections/posts", {
      title: "has a secret",
      status: "draft",
      secret: "t56-canary-secret",
    });
    expect(created.status).toBe(201);
    const mine = (await json<{ item: Item }>(created)).item;
    expect(mine).toMatchObject({ secret: "t56-canary-secret", ownerId: alice.id });
    // The creator may read and change it, but the secret is the owner's alone.
    const read = await maker.client.get(`/_api/collections/posts/${mine.id}`);
    const patched = await maker.client.patch(`/_api/collections/posts/${mine.id}`, {
      status: "published",
      title: "now public",
    });
    expect(patched.status).toBe(200);
    const anonRead = await app.client().get(`/_api/collections/posts/${mine.id}`);
    const bobRead = await bob.client.get(`/_api/collections/posts/${mine.id}`);
    const anonList = await app.client().get("/_api/collections/posts?limit=100");
    for (const res of [read, patched, anonRead, bobRead, anonList]) {
      expect(res.status).toBe(200);
      expect(await res.clone().text()).not.toContain("t56-canary-secret");
    }
    const makerView = (await json<{ item: Item }>(patched)).item;
    expect(makerView.ownerId).toBe(alice.id);
    for (const res of [anonRead, bobRead])
      expect(Object.hasOwn((await json<{ item: Item }>(res)).item, "ownerId")).toBe(false);
    // The secret is still stored, and its owner still gets it.
    expect((await item(alice, "posts", mine.id)).secret).toBe("t56-canary-secret");
  });

  it("a field shown by a condition: email only to its owner, or to everyone once showEmail is true", async () => {
    const res = await bob.client.post("/_api/collections/profiles", {
      name: "bob",
      email: "bob-t56@example.com",
      showEmail: false,
    });
    expect(res.status).toBe(201);
    const profile = (await json<{ item: Item }>(res)).item;
    expect(profile.email).toBe("bob-t56@example.com");
    for (const r of [
      await app.client().get(`/_api/collections/profiles/${profile.id}`),
      await alice.client.get("/_api/collections/profiles"),
    ]) {
      expect(await r.text()).not.toContain("bob-t56@example.com");
    }
    expect((await bob.client.patch(`/_api/collections/profiles/${profile.id}`, { showEmail: true })).status).toBe(200);
    expect((await item(alice, "profiles", profile.id)).email).toBe("bob-t56@example.com");
  });
});

describe("T56: write answers are filtered by the read rule", () => {
  it("an anonymous message to the creator's inbox answers 204 without the document; the creator reads it", async () => {
    const res = await app.client().post("/_api/collections/inbox", { message: "t56-inbox-canary" });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const list = await maker.client.get("/_api/collections/inbox");
    expect(await list.text()).toContain("t56-inbox-canary");
  });

  it("closing one's own ticket hides it from its owner: the PATCH answers 204, a read then 404", async () => {
    const created = await alice.client.post("/_api/collections/tickets", { subject: "help", status: "open" });
    expect(created.status).toBe(201);
    const { id } = (await json<{ item: Item }>(created)).item;
    const closed = await alice.client.patch(`/_api/collections/tickets/${id}`, { status: "closed" });
    expect(closed.status).toBe(204);
    expect(await closed.text()).toBe("");
    expect((await alice.client.get(`/_api/collections/tickets/${id}`)).status).toBe(404);
    expect((await item(maker, "tickets", id)).status).toBe("closed");
  });

  it("a unique conflict names the field only: no other document, owner or value in the answer", async () => {
    const first = await alice.client.post("/_api/collections/profiles", {
      name: "alice",
      email: "alice-private-t56@example.com",
    });
    expect(first.status).toBe(201);
    const theirs = (await json<{ item: Item }>(first)).item;
    const res = await bob.client.post("/_api/collections/profiles", { name: "alice" });
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("unique_violation");
    for (const leak of [theirs.id, alice.id, "alice-private-t56@example.com"]) expect(text).not.toContain(leak);
  });

  it("a write the caller may not make is refused before uniqueness is checked (no 409 oracle)", async () => {
    const { items } = await json<{ items: Item[] }>(await bob.client.get("/_api/collections/profiles"));
    const alices = items.find((p) => p.name === "alice") as Item;
    const res = await bob.client.patch(`/_api/collections/profiles/${alices.id}`, { name: "bob" });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("not_owner");
    const author = await alice.client.post("/_api/collections/posts", { title: "x", status: "published" });
    expect(author.status).toBe(403);
  });
});
