/**
 * events on the real backend (workerd): events are public and only the creator writes them;
 * `capacity` with `maxFrom` holds under 50 parallel requests; one ticket per person per event;
 * tickets are private to their owner and the creator (T11); `paid` is set only by the verified
 * payment of the per-document product `ticket`, never by its owner; an unpaid ticket holds its
 * place until it is released; the creator checks tickets in at the door.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../test/helpers/client";
import {
  errorOf,
  makeApp,
  signUp,
  signUpVerified,
  type TestApp,
  type TestUser,
} from "../../../test/attacks/helpers/app";
import { buyAndPay } from "../../_kit/worker";

interface Item {
  id: string;
  [k: string]: unknown;
}

let app: TestApp;
let creator: TestUser;
let users: TestUser[];

async function created(user: TestUser, collection: string, body: Record<string, unknown>): Promise<Item> {
  const res = await user.client.post(`/_api/collections/${collection}`, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ item: Item }>(res)).item;
}

const newEvent = (capacity: number, paidTickets = false): Promise<Item> =>
  created(creator, "events", {
    title: `Night ${capacity}`,
    startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    capacity,
    paidTickets,
  });

const ask = (u: TestUser, eventId: string): Promise<Response> =>
  u.client.post("/_api/collections/tickets", { eventId, name: "Sam" });

const readEvent = async (u: TestUser, id: string): Promise<Item> =>
  (await json<{ item: Item }>(await u.client.get(`/_api/collections/events/${id}`))).item;

beforeAll(async () => {
  app = await makeApp("tpl-events", "events", { creatorEmail: "host-events@example.com" });
  creator = await signUpVerified(app, "host-events@example.com");
  users = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(app, `guest${i}-events@example.com`)));
}, 120_000);

describe("events", () => {
  it("events are public; only the creator adds them (signed out 401, end user 403)", async () => {
    const event = await newEvent(30);
    const list = await json<{ items: Item[] }>(await app.client().get("/_api/collections/events?sort=startsAt"));
    expect(list.items.map((i) => i.id)).toContain(event.id);
    const body = { title: "Mine", startsAt: new Date().toISOString(), capacity: 5 };
    expect((await app.client().post("/_api/collections/events", body)).status).toBe(401);
    expect((await (users[0] as TestUser).client.post("/_api/collections/events", body)).status).toBe(403);
    expect((await ask({ ...creator, client: app.client() }, event.id)).status).toBe(401);
  });

  it("50 parallel ticket requests for 5 places store exactly 5, and the event counts 5 taken", async () => {
    const event = await newEvent(5);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => ask(users[i % users.length] as TestUser, event.id)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(45);
    const codes = new Set(
      await Promise.all(answers.filter((r) => r.status === 409).map(async (r) => (await errorOf(r)).code)),
    );
    expect(codes.has("capacity_reached")).toBe(true);
    const stored = await json<{ items: Item[] }>(
      await creator.client.get(`/_api/collections/tickets?where[eventId]=${event.id}&limit=100`),
    );
    expect(stored.items).toHaveLength(5);
    expect((await readEvent(users[0] as TestUser, event.id)).taken).toBe(5);
  });

  it("one ticket per person per event: a second is 409 unique_violation", async () => {
    const event = await newEvent(10);
    const u = users[0] as TestUser;
    expect((await ask(u, event.id)).status).toBe(201);
    const again = await ask(u, event.id);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("unique_violation");
  });

  it("a ticket is its owner's and the creator's: anyone else gets 404 and an empty list", async () => {
    const event = await newEvent(10);
    const [a, b] = users as [TestUser, TestUser];
    const t = await json<{ item: Item }>(await ask(a, event.id));
    expect((await b.client.get(`/_api/collections/tickets/${t.item.id}`)).status).toBe(404);
    expect((await b.client.delete(`/_api/collections/tickets/${t.item.id}`)).status).toBe(404);
    const bList = await json<{ items: Item[] }>(
      await b.client.get(`/_api/collections/tickets?where[eventId]=${event.id}`),
    );
    expect(bList.items).toEqual([]);
    expect((await a.client.get(`/_api/collections/tickets/${t.item.id}`)).status).toBe(200);
    const door = await json<{ items: Item[] }>(
      await creator.client.get(`/_api/collections/tickets?where[eventId]=${event.id}`),
    );
    expect(door.items.map((i) => i.id)).toEqual([t.item.id]);
    expect(door.items[0]?.name).toBe("Sam");
  });

  it("an owner cannot mark a ticket paid or checked in; a reference to no event is refused", async () => {
    const event = await newEvent(10, true);
    const u = users[1] as TestUser;
    const free = await u.client.post("/_api/collections/tickets", { eventId: event.id, name: "Sam", paid: true });
    expect(free.status).toBe(400);
    expect((await errorOf(free)).code).toBe("field_not_writable");
    const t = await json<{ item: Item }>(await ask(u, event.id));
    expect((await u.client.patch(`/_api/collections/tickets/${t.item.id}`, { paid: true })).status).toBe(403);
    expect((await u.client.patch(`/_api/collections/tickets/${t.item.id}`, { checkedIn: true })).status).toBe(403);
    expect((await ask(u, "no-such-event")).status).toBe(400);
  });

  it("an unpaid ticket holds its place until its owner releases it", async () => {
    const event = await newEvent(1, true);
    const [a, b] = [users[2], users[3]] as [TestUser, TestUser];
    const held = await json<{ item: Item }>(await ask(a, event.id));
    const refused = await ask(b, event.id);
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).code).toBe("capacity_reached");
    expect((await a.client.delete(`/_api/collections/tickets/${held.item.id}`)).status).toBe(204);
    expect((await ask(b, event.id)).status).toBe(201);
  });

  it("paying sets `paid` through the verified payment; only the owner can buy; a paid ticket stays", async () => {
    const event = await newEvent(10, true);
    const [buyer, other] = [users[4], users[5]] as [TestUser, TestUser];
    const t = await json<{ item: Item }>(await ask(buyer, event.id));
    const foreign = await other.client.post("/_api/billing/purchase", { product: "ticket", documentId: t.item.id });
    expect(foreign.status).toBe(404);
    expect((await buyAndPay(buyer.client, "ticket", t.item.id)).status).toBe(303);
    const after = await json<{ item: Item }>(await buyer.client.get(`/_api/collections/tickets/${t.item.id}`));
    expect(after.item.paid).toBe(true);
    const twice = await buyer.client.post("/_api/billing/purchase", { product: "ticket", documentId: t.item.id });
    expect(twice.status).toBe(409);
    // A paid ticket is given back through the organiser (a refund), not deleted by its owner.
    expect((await buyer.client.delete(`/_api/collections/tickets/${t.item.id}`)).status).toBe(403);
    expect((await buyer.client.get(`/_api/collections/tickets/${t.item.id}`)).status).toBe(200);
  });

  it("the creator checks a ticket in; a checked-in ticket cannot be released by its owner", async () => {
    const event = await newEvent(10);
    const u = users[6] as TestUser;
    const t = await json<{ item: Item }>(await ask(u, event.id));
    const checked = await creator.client.patch(`/_api/collections/tickets/${t.item.id}`, { checkedIn: true });
    expect(checked.status).toBe(200);
    expect((await json<{ item: Item }>(checked)).item.checkedIn).toBe(true);
    expect((await u.client.delete(`/_api/collections/tickets/${t.item.id}`)).status).toBe(403);
    expect((await creator.client.delete(`/_api/collections/tickets/${t.item.id}`)).status).toBe(204);
    expect((await readEvent(u, event.id)).taken).toBe(0);
  });
});
