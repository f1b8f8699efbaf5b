import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import { errorOf, makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

let app: TestApp;
let alice: TestUser;
let noteId: string;

beforeAll(async () => {
  app = await makeApp("t07");
  alice = await signUp(app, "alice@example.com");
  const res = await alice.client.post("/_api/collections/notes", { title: "mine" });
  noteId = (await json<{ item: { id: string } }>(res)).item.id;
});

describe("T07 mass assignment: server-managed and undeclared fields are refused", () => {
  it.each([
    [{ title: "x", ownerId: "someone-else" }, "server_managed_field"],
    [{ title: "x", id: "00000000-0000-4000-8000-000000000000" }, "server_managed_field"],
    [{ title: "x", createdAt: 1 }, "server_managed_field"],
    [{ title: "x", updatedAt: 1 }, "server_managed_field"],
    [{ title: "x", plan: "pro" }, "unknown_field"],
    [{ title: "x", role: "admin" }, "unknown_field"],
    [{ title: "x", entitlements: ["premium"] }, "unknown_field"],
  ])("create with %j → 400 %s", async (body, code) => {
    const res = await alice.client.post("/_api/collections/notes", body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe(code);
  });

  it.each([[{ ownerId: "x" }], [{ createdAt: 0 }], [{ id: "x" }], [{ role: "admin" }], [{ done: true, updatedAt: 5 }]])(
    "update with %j → 400 and the document is unchanged",
    async (body) => {
      const before = await json<{ item: unknown }>(await alice.client.get(`/_api/collections/notes/${noteId}`));
      const res = await alice.client.patch(`/_api/collections/notes/${noteId}`, body);
      expect(res.status).toBe(400);
      const after = await json<{ item: unknown }>(await alice.client.get(`/_api/collections/notes/${noteId}`));
      expect(after).toEqual(before);
    },
  );

  it("nothing was created by the refused requests", async () => {
    const list = await json<{ items: unknown[] }>(await alice.client.get("/_api/collections/notes"));
    expect(list.items).toHaveLength(1);
  });

  it("a non-object body is a 400, not a 500", async () => {
    for (const body of [[], "x", 1, null]) {
      const res = await alice.client.post("/_api/collections/notes", body);
      expect(res.status).toBe(400);
    }
  });
});
