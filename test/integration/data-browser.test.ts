// The studio's data browser: an app's records and end users, live or preview copy, for its
// creator only (T15); delete goes through the app's own bookkeeping (unique values released).
import { describe, expect, it } from "vitest";
import { appOrigin, Client, json } from "../helpers/client";
import { createApp, type ErrorBody, signedInCreator } from "./apps-helpers";

interface RecordsBody {
  records: Array<{ id: string; ownerEmail: string | null; data: Record<string, unknown> }>;
  next: string | null;
}

async function endUserBooks(slug: string, email: string, slotId: string): Promise<string> {
  const user = new Client(appOrigin(slug));
  const signup = await user.post("/_api/auth/signup", { email, password: "correct horse battery staple" });
  expect(signup.status, await signup.clone().text()).toBe(201);
  const created = await user.post("/_api/collections/bookings", { slotId, name: "Ada" });
  expect(created.status, await created.clone().text()).toBe(201);
  return (await json<{ item: { id: string } }>(created)).item.id;
}

describe("data browser: /api/apps/:slug/data", () => {
  it("lists the collections, a record an end user created, and the end user", async () => {
    const c = await signedInCreator();
    await createApp(c, "data-list", "booking");
    const id = await endUserBooks("data-list", "ada@example.com", "slot-1");

    const collections = await json<{ collections: string[] }>(await c.get("/api/apps/data-list/data/collections"));
    expect(collections.collections).toEqual(expect.arrayContaining(["slots", "bookings"]));

    const records = await json<RecordsBody>(await c.get("/api/apps/data-list/data/collections/bookings"));
    expect(records.records).toEqual([
      expect.objectContaining({
        id,
        ownerEmail: "ada@example.com",
        data: expect.objectContaining({ slotId: "slot-1", name: "Ada" }),
      }),
    ]);
    expect(records.next).toBeNull();

    const users = await json<{ users: Array<{ email: string; verified: boolean; plans: string[] }> }>(
      await c.get("/api/apps/data-list/data/users"),
    );
    expect(users.users).toEqual([expect.objectContaining({ email: "ada@example.com", verified: false, plans: [] })]);
    // The preview copy is a different object: nothing there.
    const preview = await json<RecordsBody>(await c.get("/api/apps/data-list/data/collections/bookings?copy=preview"));
    expect(preview.records).toEqual([]);
  });

  it("pages newest first with `next`", async () => {
    const c = await signedInCreator();
    await createApp(c, "data-page", "booking");
    for (const [i, email] of ["p1@example.com", "p2@example.com", "p3@example.com"].entries())
      await endUserBooks("data-page", email, `slot-${i}`);
    const first = await json<RecordsBody>(await c.get("/api/apps/data-page/data/collections/bookings?limit=2"));
    expect(first.records.map((r) => r.ownerEmail)).toEqual(["p3@example.com", "p2@example.com"]);
    expect(first.next).not.toBeNull();
    const second = await json<RecordsBody>(
      await c.get(
        `/api/apps/data-page/data/collections/bookings?limit=2&before=${encodeURIComponent(first.next ?? "")}`,
      ),
    );
    expect(second.records.map((r) => r.ownerEmail)).toEqual(["p1@example.com"]);
    expect(second.next).toBeNull();
  });

  it("deletes a record and releases its unique slot, so the slot can be booked again", async () => {
    const c = await signedInCreator();
    await createApp(c, "data-del", "booking");
    const id = await endUserBooks("data-del", "del@example.com", "slot-x");
    const del = await c.fetch(`/api/apps/data-del/data/collections/bookings/${id}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await json<RecordsBody>(await c.get("/api/apps/data-del/data/collections/bookings"))).records).toEqual([]);
    const again = await c.fetch(`/api/apps/data-del/data/collections/bookings/${id}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    await endUserBooks("data-del", "del2@example.com", "slot-x");
  });

  it("T15: another creator gets 404 for every data route, and nothing is deleted", async () => {
    const owner = await signedInCreator();
    await createApp(owner, "data-t15", "booking");
    const id = await endUserBooks("data-t15", "victim@example.com", "slot-1");
    const other = await signedInCreator("other");
    for (const path of ["/collections", "/collections/bookings", "/users"]) {
      const res = await other.get(`/api/apps/data-t15/data${path}`);
      expect(res.status, path).toBe(404);
    }
    const del = await other.fetch(`/api/apps/data-t15/data/collections/bookings/${id}`, { method: "DELETE" });
    expect(del.status).toBe(404);
    expect(
      (await json<RecordsBody>(await owner.get("/api/apps/data-t15/data/collections/bookings"))).records,
    ).toHaveLength(1);
  });

  it("bad input is a 4xx with the error shape: unknown collection, copy, limit, cursor", async () => {
    const c = await signedInCreator();
    await createApp(c, "data-bad", "booking");
    for (const [path, status, code] of [
      ["/collections/nope", 404, "not_found"],
      ["/collections/bookings?copy=staging", 400, "invalid_copy"],
      ["/collections/bookings?limit=abc", 400, "invalid_limit"],
      ["/collections/bookings?before=x", 400, "invalid_cursor"],
    ] as const) {
      const res = await c.get(`/api/apps/data-bad/data${path}`);
      expect(res.status, path).toBe(status);
      expect((await json<ErrorBody>(res)).error.code, path).toBe(code);
    }
  });
});
