// The studio's data browser: an app's records and end users, live or preview copy, for its
// creator only (T15); delete goes through the app's own bookkeeping (unique values released).
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { subscriptions } from "../../platform/db/do-schema";
import type { AppObject } from "../../platform/object/app-object";
import { appStoreOf } from "../../platform/object/store";
import { appStub } from "../../platform/worker/stubs";
import { appOrigin, Client, json } from "../helpers/client";
import { createApp, type ErrorBody, signedInCreator } from "./apps-helpers";

interface RecordsBody {
  records: Array<{ id: string; ownerEmail: string | null; data: Record<string, unknown> }>;
  next: string | null;
}

async function endUserBooks(
  slug: string,
  email: string,
  slotId: string,
  user = new Client(appOrigin(slug)),
): Promise<string> {
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

  it("T15: deletes an end user with their sessions, records and uploads; another creator gets 404", async () => {
    const owner = await signedInCreator();
    const { id: appId } = await createApp(owner, "data-deluser", "booking");
    const ada = new Client(appOrigin("data-deluser"));
    await endUserBooks("data-deluser", "gone@example.com", "slot-g", ada);
    const form = new FormData();
    form.append("file", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], "a.png"));
    const upload = await ada.fetch("/_api/files", { method: "POST", body: form });
    expect(upload.status, await upload.clone().text()).toBe(201);
    const fileId = (await json<{ file: { id: string } }>(upload)).file.id;
    expect((await ada.get("/_api/auth/me")).status).toBe(200);
    const users = await json<{ users: Array<{ id: string; email: string }> }>(
      await owner.get("/api/apps/data-deluser/data/users"),
    );
    const userId = users.users.find((u) => u.email === "gone@example.com")?.id ?? "";

    // Another creator: 404 as for a missing app, and the user is still there and signed in.
    const other = await signedInCreator("other-deluser");
    const stolen = await other.fetch(`/api/apps/data-deluser/data/users/${userId}`, { method: "DELETE" });
    expect(stolen.status).toBe(404);
    expect((await ada.get("/_api/auth/me")).status).toBe(200);
    // The preview copy has no such user: deleting there changes nothing here.
    const wrongCopy = await owner.fetch(`/api/apps/data-deluser/data/users/${userId}?copy=preview`, {
      method: "DELETE",
    });
    expect(wrongCopy.status).toBe(404);
    expect((await ada.get("/_api/auth/me")).status).toBe(200);

    const del = await owner.fetch(`/api/apps/data-deluser/data/users/${userId}`, { method: "DELETE" });
    expect(del.status, await del.clone().text()).toBe(204);
    expect((await ada.get("/_api/auth/me")).status).toBe(401);
    expect((await json<{ users: unknown[] }>(await owner.get("/api/apps/data-deluser/data/users"))).users).toEqual([]);
    const records = await json<RecordsBody>(await owner.get("/api/apps/data-deluser/data/collections/bookings"));
    expect(records.records).toEqual([]);
    expect(await env.BUCKET.head(`apps/${appId}/files/${fileId}`)).toBeNull();
    // Their unique slot was released with their booking, and the address can sign up again.
    await endUserBooks("data-deluser", "gone@example.com", "slot-g");
    const again = await owner.fetch(`/api/apps/data-deluser/data/users/${userId}`, { method: "DELETE" });
    expect(again.status).toBe(404);
    expect((await json<ErrorBody>(again)).error.code).toBe("not_found");
  });

  it("deletes an end user of the preview copy, leaving the live app's users alone", async () => {
    const owner = await signedInCreator();
    await createApp(owner, "data-delprev", "booking");
    await endUserBooks("data-delprev", "live@example.com", "slot-1");
    const signup = await owner.post("/api/apps/data-delprev/preview/_api/auth/signup", {
      email: "tryout@example.com",
      password: "correct horse battery staple",
    });
    expect(signup.status, await signup.clone().text()).toBe(201);
    const preview = await json<{ users: Array<{ id: string; email: string }> }>(
      await owner.get("/api/apps/data-delprev/data/users?copy=preview"),
    );
    expect(preview.users.map((u) => u.email)).toEqual(["tryout@example.com"]);
    const del = await owner.fetch(`/api/apps/data-delprev/data/users/${preview.users[0]?.id}?copy=preview`, {
      method: "DELETE",
    });
    expect(del.status).toBe(204);
    const after = await json<{ users: Array<{ email: string }> }>(
      await owner.get("/api/apps/data-delprev/data/users?copy=preview"),
    );
    expect(after.users).toEqual([]);
    const live = await json<{ users: Array<{ email: string }> }>(await owner.get("/api/apps/data-delprev/data/users"));
    expect(live.users.map((u) => u.email)).toEqual(["live@example.com"]);
  });

  it("refuses to delete an end user who still pays (409 subscribed), and deletes them once it is canceled", async () => {
    const owner = await signedInCreator();
    const { id: appId } = await createApp(owner, "data-delsub", "booking");
    await endUserBooks("data-delsub", "payer@example.com", "slot-p");
    const listed = await json<{ users: Array<{ id: string }> }>(await owner.get("/api/apps/data-delsub/data/users"));
    const userId = listed.users[0]?.id ?? "";
    const stub = appStub(env, appId);
    // A subscription row as the verified webhook path writes it (I4).
    await runInDurableObject(stub, async (_o: AppObject, state) => {
      appStoreOf(state.storage)
        .db.insert(subscriptions)
        .values({
          id: "sub_delsub",
          userId,
          plan: "pro",
          status: "active",
          currentPeriodEnd: Date.now() + 86_400_000,
          paidThrough: Date.now() + 86_400_000,
          eventCreated: 1,
          eventId: "evt_delsub",
          updatedAt: Date.now(),
        })
        .run();
    });
    const refused = await owner.fetch(`/api/apps/data-delsub/data/users/${userId}`, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect((await json<ErrorBody>(refused)).error.code).toBe("subscribed");
    const still = await json<{ users: unknown[] }>(await owner.get("/api/apps/data-delsub/data/users"));
    expect(still.users).toHaveLength(1);

    await runInDurableObject(stub, async (_o: AppObject, state) => {
      appStoreOf(state.storage).sql.exec("UPDATE subscriptions SET status = 'canceled' WHERE id = 'sub_delsub'");
    });
    const del = await owner.fetch(`/api/apps/data-delsub/data/users/${userId}`, { method: "DELETE" });
    expect(del.status).toBe(204);
    expect((await json<{ users: unknown[] }>(await owner.get("/api/apps/data-delsub/data/users"))).users).toEqual([]);
  });
});
