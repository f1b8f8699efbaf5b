import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { makeApp, sameAnswer, signUp, type TestApp, type TestUser } from "./helpers/app";

let app: TestApp;
let alice: TestUser;
let bob: TestUser;
let aliceNote: string;
const MISSING = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  app = await makeApp("t11");
  [alice, bob] = await Promise.all([signUp(app, "alice@example.com"), signUp(app, "bob@example.com")]);
  const res = await alice.client.post("/_api/collections/notes", { title: "alice's secret", body: "canary-7f3a" });
  aliceNote = (await json<{ item: { id: string } }>(res)).item.id;
});

describe("T11 IDOR: another user's record answers exactly like a missing one", () => {
  it("read", async () => {
    await sameAnswer(
      await bob.client.get(`/_api/collections/notes/${aliceNote}`),
      await bob.client.get(`/_api/collections/notes/${MISSING}`),
    );
    const res = await bob.client.get(`/_api/collections/notes/${aliceNote}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("canary-7f3a");
  });
  it("update", async () => {
    await sameAnswer(
      await bob.client.patch(`/_api/collections/notes/${aliceNote}`, { title: "pwned" }),
      await bob.client.patch(`/_api/collections/notes/${MISSING}`, { title: "pwned" }),
    );
  });
  it("delete", async () => {
    await sameAnswer(
      await bob.client.delete(`/_api/collections/notes/${aliceNote}`),
      await bob.client.delete(`/_api/collections/notes/${MISSING}`),
    );
  });
  it("a malformed id is the same 404", async () => {
    await sameAnswer(
      await bob.client.get(`/_api/collections/notes/..%2F..%2Fusers`),
      await bob.client.get(`/_api/collections/notes/${MISSING}`),
    );
  });
  it("alice's note survived all of it", async () => {
    const res = await alice.client.get(`/_api/collections/notes/${aliceNote}`);
    expect(res.status).toBe(200);
    expect((await json<{ item: { title: string } }>(res)).item.title).toBe("alice's secret");
  });
  it("anonymous gets 401 for a real and a missing id alike (no existence oracle)", async () => {
    const anon = app.client();
    await sameAnswer(
      await anon.get(`/_api/collections/notes/${aliceNote}`),
      await anon.get(`/_api/collections/notes/${MISSING}`),
    );
    expect((await anon.get(`/_api/collections/notes/${aliceNote}`)).status).toBe(401);
  });
});

describe("T12 list with another owner's id in query or body", () => {
  it("query parameters cannot widen an owner list", async () => {
    for (const q of [
      `?ownerId=${alice.id}`,
      `?owner=${alice.id}`,
      `?filter[ownerId]=${alice.id}`,
      "?where[ownerId]=@me",
      "?sort=-createdAt",
    ]) {
      const res = await bob.client.get(`/_api/collections/notes${q}`);
      expect(res.status).toBe(200);
      const body = await json<{ items: unknown[] }>(res);
      expect(body.items, q).toEqual([]);
    }
  });
  it("a where that names another owner, or is not a filter at all, is 400 and reads nothing", async () => {
    for (const q of [
      `?where[ownerId]=${alice.id}`,
      "?where=1%3D1",
      "?where[title]=alice's%20secret",
      "?where[1=1]=x",
    ]) {
      const res = await bob.client.get(`/_api/collections/notes${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.text(), q).not.toContain("canary-7f3a");
    }
  });
  it("a cursor minted for alice's list does not work in bob's", async () => {
    await alice.client.post("/_api/collections/notes", { title: "second" });
    const page = await json<{ nextCursor: string }>(await alice.client.get("/_api/collections/notes?limit=1"));
    expect(page.nextCursor).toBeTruthy();
    const res = await bob.client.get(`/_api/collections/notes?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`);
    expect(res.status).toBe(400);
  });
});
