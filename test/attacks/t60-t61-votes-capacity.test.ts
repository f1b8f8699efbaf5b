import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { documents } from "../../platform/db/do-schema";
import { json } from "../helpers/client";
import { errorOf, inObject, makeApp, signUp, signUpVerified, type TestApp, type TestUser } from "./helpers/app";

/**
 * test/fixtures/templates/sandlot-prims:
 * - T60: one vote per user per answer (`unique: [["ownerId", "answerId"]]`), held by the primary key
 *   of `unique_values` inside the create's transaction, also for ten parallel votes.
 * - T61: tickets capped by their event's `capacity` (`capacity: { field: "eventId", maxFrom:
 *   "capacity" }`) and RSVPs by a fixed `max`: of 50 parallel creates exactly N succeed.
 */

interface Item {
  id: string;
  [k: string]: unknown;
}

let app: TestApp;
let maker: TestUser;
let users: TestUser[];

async function created(user: TestUser, collection: string, body: Record<string, unknown>): Promise<Item> {
  const res = await user.client.post(`/_api/collections/${collection}`, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ item: Item }>(res)).item;
}

async function storedCount(collection: string, field: string, value: string): Promise<number> {
  return inObject(
    app,
    (store) =>
      store.db
        .select({ data: documents.data })
        .from(documents)
        .where(eq(documents.collection, collection))
        .all()
        .filter((r) => (JSON.parse(r.data) as Record<string, unknown>)[field] === value).length,
  );
}

beforeAll(async () => {
  app = await makeApp("t60-prims", "sandlot-prims", { creatorEmail: "maker-t60@example.com" });
  maker = await signUpVerified(app, "maker-t60@example.com");
  users = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(app, `user${i}-t60@example.com`)));
});

describe("T60: one vote per user per answer", () => {
  let answer: Item;
  let other: Item;
  beforeAll(async () => {
    const question = await created(maker, "questions", { title: "Which editor?" });
    answer = await created(maker, "answers", { questionId: question.id, body: "vim" });
    other = await created(maker, "answers", { questionId: question.id, body: "emacs" });
  });

  it("a second vote on the same answer is 409 unique_violation and stores nothing", async () => {
    const [alice] = users as [TestUser];
    await created(alice, "votes", { answerId: answer.id });
    const res = await alice.client.post("/_api/collections/votes", { answerId: answer.id });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe("unique_violation");
    // The answer names the fields, never the other vote or its owner.
    expect(error.message).not.toContain(alice.id);
    expect(await storedCount("votes", "answerId", answer.id)).toBe(1);
    // Another answer, and another user on the same answer, are separate votes.
    await created(alice, "votes", { answerId: other.id });
    await created(users[1] as TestUser, "votes", { answerId: answer.id });
  });

  it("ten parallel votes by one user on one answer: exactly one is stored", async () => {
    const bob = users[2] as TestUser;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => bob.client.post("/_api/collections/votes", { answerId: other.id })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const mine = await inObject(app, (store) =>
      store.db
        .select({ data: documents.data })
        .from(documents)
        .where(and(eq(documents.collection, "votes"), eq(documents.ownerId, bob.id)))
        .all(),
    );
    expect(mine).toHaveLength(1);
  });

  it("a withdrawn vote can be cast again; a vote moved onto an answer already voted is 409", async () => {
    const carol = users[3] as TestUser;
    const first = await created(carol, "votes", { answerId: answer.id });
    expect((await carol.client.delete(`/_api/collections/votes/${first.id}`)).status).toBe(204);
    const again = await created(carol, "votes", { answerId: answer.id });
    const second = await created(carol, "votes", { answerId: other.id });
    const moved = await carol.client.patch(`/_api/collections/votes/${second.id}`, { answerId: answer.id });
    expect(moved.status).toBe(409);
    expect((await errorOf(moved)).code).toBe("unique_violation");
    expect(again.id).not.toBe(second.id);
  });
});

describe("T61: never more tickets than capacity", () => {
  it("50 parallel ticket requests for an event of capacity 10: exactly 10 succeed", async () => {
    const event = await created(maker, "events", { title: "Launch party", day: "2027-01-15", capacity: 10 });
    const requests = Array.from({ length: 50 }, (_, i) =>
      (users[i % users.length] as TestUser).client.post("/_api/collections/tickets", { eventId: event.id }),
    );
    const answers = await Promise.all(requests);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    const refused = answers.find((r) => r.status === 409) as Response;
    expect((await errorOf(refused)).code).toBe("capacity_reached");
    expect(await storedCount("tickets", "eventId", event.id)).toBe(10);
  });

  it("a returned ticket frees one place, and only one", async () => {
    const event = await created(maker, "events", { title: "Small dinner", day: "2027-02-01", capacity: 2 });
    const [a, b, c] = users as [TestUser, TestUser, TestUser];
    const first = await created(a, "tickets", { eventId: event.id });
    await created(b, "tickets", { eventId: event.id });
    expect((await c.client.post("/_api/collections/tickets", { eventId: event.id })).status).toBe(409);
    expect((await a.client.delete(`/_api/collections/tickets/${first.id}`)).status).toBe(204);
    const retries = await Promise.all([
      c.client.post("/_api/collections/tickets", { eventId: event.id }),
      a.client.post("/_api/collections/tickets", { eventId: event.id }),
    ]);
    expect(retries.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("an event without a capacity has no room; moving a ticket into a full event is 409", async () => {
    const open = await created(maker, "events", { title: "No number", day: "2027-03-01" });
    const res = await (users[0] as TestUser).client.post("/_api/collections/tickets", { eventId: open.id });
    expect(res.status).toBe(409);
    const full = await created(maker, "events", { title: "Tiny", day: "2027-03-02", capacity: 1 });
    const roomy = await created(maker, "events", { title: "Roomy", day: "2027-03-03", capacity: 5 });
    await created(users[0] as TestUser, "tickets", { eventId: full.id });
    const mine = await created(users[1] as TestUser, "tickets", { eventId: roomy.id });
    const moved = await maker.client.patch(`/_api/collections/tickets/${mine.id}`, { eventId: full.id });
    expect(moved.status).toBe(409);
    expect(await storedCount("tickets", "eventId", full.id)).toBe(1);
  });

  it("a fixed max (RSVPs, 5 per event) holds under parallel requests from six users", async () => {
    const event = await created(maker, "events", { title: "Meetup", day: "2027-04-01", capacity: 100 });
    const answers = await Promise.all(
      users.map((u) => u.client.post("/_api/collections/rsvps", { eventId: event.id })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(1);
    expect(await storedCount("rsvps", "eventId", event.id)).toBe(5);
  });
});
