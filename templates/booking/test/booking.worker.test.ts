/**
 * booking on the real backend (workerd): slots are public; `unique: ["slotId"]` means two users
 * cannot book one slot (second → 409), even when they race; bookings are private to their owner
 * (T11); the free limit is 2 and `pro` (verified webhook) lifts it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, appOrigin } from "../../../test/helpers/client";
import { seedApp } from "../../../test/helpers/seed";
import { grantPlan, seedDocument, signedUpUser } from "../../_kit/worker";

const slug = "tpl-booking";
const origin = appOrigin(slug);
let appId: string;
const slots: string[] = [];

beforeAll(async () => {
  ({ appId } = await seedApp({ slug, templateId: "booking" }));
  for (let i = 0; i < 8; i++) {
    slots.push(
      await seedDocument(appId, "slots", {
        startsAt: new Date(Date.now() + (i + 1) * 3_600_000).toISOString(),
        durationMinutes: 30,
      }),
    );
  }
});

const book = (c: Client, slotId: string) => c.post("/_api/collections/bookings", { slotId, name: "Sam" });

describe("booking", () => {
  it("open slots are public", async () => {
    const res = await new Client(origin).get("/_api/collections/slots?limit=100");
    expect(res.status).toBe(200);
    const ids = ((await res.json()) as { items: Array<{ id: string }> }).items.map((i) => i.id);
    for (const s of slots) expect(ids).toContain(s);
  });

  it("signed-out visitors cannot book, and end users cannot create slots", async () => {
    expect([401, 403]).toContain((await book(new Client(origin), slots[0]!)).status);
    const { client } = await signedUpUser(origin, "sneaky");
    expect(
      (await client.post("/_api/collections/slots", { startsAt: new Date().toISOString(), durationMinutes: 30 }))
        .status,
    ).toBe(403);
  });

  it("two users cannot book one slot: the second gets 409", async () => {
    const a = await signedUpUser(origin, "alice");
    const b = await signedUpUser(origin, "bob");
    expect((await book(a.client, slots[1]!)).status).toBe(201);
    const second = await book(b.client, slots[1]!);
    expect(second.status).toBe(409);
  });

  it("racing for one slot: exactly one wins", async () => {
    const users = await Promise.all([0, 1, 2, 3].map((i) => signedUpUser(origin, `racer${i}`)));
    const statuses = (await Promise.all(users.map((u) => book(u.client, slots[2]!)))).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409]);
  });

  it("cancelling frees the slot; another user's booking answers 404 (T11)", async () => {
    const a = await signedUpUser(origin, "carol");
    const b = await signedUpUser(origin, "dave");
    const made = (await (await book(a.client, slots[3]!)).json()) as { item: { id: string } };
    expect((await b.client.get(`/_api/collections/bookings/${made.item.id}`)).status).toBe(404);
    expect((await b.client.delete(`/_api/collections/bookings/${made.item.id}`)).status).toBe(404);
    const bList = (await (await b.client.get("/_api/collections/bookings")).json()) as { items: unknown[] };
    expect(bList.items).toEqual([]);
    expect((await a.client.delete(`/_api/collections/bookings/${made.item.id}`)).status).toBe(204);
    expect((await book(b.client, slots[3]!)).status).toBe(201);
  });

  it("a free user holds 2 bookings; a Pro user more", async () => {
    const free = await signedUpUser(origin, "free");
    expect((await book(free.client, slots[4]!)).status).toBe(201);
    expect((await book(free.client, slots[5]!)).status).toBe(201);
    const over = await book(free.client, slots[6]!);
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("quota_exceeded");

    const pro = await signedUpUser(origin, "pro");
    expect((await grantPlan({ appId, userId: pro.userId, plan: "pro" })).status).toBe(200);
    for (const s of [slots[6]!, slots[7]!, "extra-slot-a"]) expect((await book(pro.client, s)).status).toBe(201);
  });
});
