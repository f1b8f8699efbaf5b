/**
 * habit-tracker on the real backend (workerd): everything is its owner's alone (another user, the
 * creator and a signed-out visitor get 404 / an empty list / 401); one check-in per habit
 * and day (`unique`, 409, also when racing); a check-in may only name one's own habit; free
 * users hold 3 habits and `pro` (verified webhook) 30 (`maxDocumentsPerUserByPlan`, 429).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, appOrigin, json } from "../../../test/helpers/client";
import { seedApp } from "../../../test/helpers/seed";
import { signUpVerified } from "../../../test/attacks/helpers/app";
import { grantPlan, signedUpUser } from "../../_kit/worker";

interface Item {
  id: string;
  [k: string]: unknown;
}

const slug = "tpl-habits";
const origin = appOrigin(slug);
const creatorEmail = "habits-maker@example.com";
let appId: string;

async function created(c: Client, collection: string, body: Record<string, unknown>): Promise<Item> {
  const res = await c.post(`/_api/collections/${collection}`, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ item: Item }>(res)).item;
}

async function items(c: Client, collection: string): Promise<Item[]> {
  const res = await c.get(`/_api/collections/${collection}?limit=100`);
  expect(res.status).toBe(200);
  return (await json<{ items: Item[] }>(res)).items;
}

beforeAll(async () => {
  ({ appId } = await seedApp({ slug, templateId: "habit-tracker", creatorEmail }));
});

describe("habit-tracker", () => {
  it("another user, the creator and a visitor cannot see, change or remove someone's habits (404, empty, 401)", async () => {
    const ana = await signedUpUser(origin, "ana");
    const habit = await created(ana.client, "habits", { name: "Meditate" });
    const tick = await created(ana.client, "checkins", { habitId: habit.id, day: "2026-03-01" });
    const ben = await signedUpUser(origin, "ben");
    const creator = await signUpVerified({ appId, slug, origin, client: () => new Client(origin) }, creatorEmail);
    expect((await json<{ creator: boolean }>(await creator.client.get("/_api/auth/me"))).creator).toBe(true);
    for (const other of [ben.client, creator.client]) {
      expect((await other.get(`/_api/collections/habits/${habit.id}`)).status).toBe(404);
      expect((await other.get(`/_api/collections/checkins/${tick.id}`)).status).toBe(404);
      expect((await other.patch(`/_api/collections/habits/${habit.id}`, { name: "Mine" })).status).toBe(404);
      expect((await other.delete(`/_api/collections/checkins/${tick.id}`)).status).toBe(404);
      expect((await other.delete(`/_api/collections/habits/${habit.id}`)).status).toBe(404);
      expect(await items(other, "habits")).toEqual([]);
      expect(await items(other, "checkins")).toEqual([]);
    }
    const visitor = new Client(origin);
    expect((await visitor.get("/_api/collections/habits")).status).toBe(401);
    expect((await visitor.get(`/_api/collections/checkins/${tick.id}`)).status).toBe(401);
    // The owner still has both, unchanged.
    expect((await items(ana.client, "habits")).map((h) => h.name)).toEqual(["Meditate"]);
    expect((await items(ana.client, "checkins")).map((c) => c.id)).toEqual([tick.id]);
  });

  it("a check-in may only name one's own habit: another user's is 400 unknown_reference", async () => {
    const cy = await signedUpUser(origin, "cy");
    const dee = await signedUpUser(origin, "dee");
    const hers = await created(dee.client, "habits", { name: "Run" });
    const res = await cy.client.post("/_api/collections/checkins", { habitId: hers.id, day: "2026-03-01" });
    expect(res.status).toBe(400);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe("unknown_reference");
    expect(await items(dee.client, "checkins")).toEqual([]);
  });

  it("one check-in per habit and day: the second is 409, racing ones store one; another day is fine", async () => {
    const eve = await signedUpUser(origin, "eve");
    const habit = await created(eve.client, "habits", { name: "Read" });
    const tick = (day: string) => eve.client.post("/_api/collections/checkins", { habitId: habit.id, day });
    expect((await tick("2026-03-02")).status).toBe(201);
    expect((await tick("2026-03-02")).status).toBe(409);
    const race = (await Promise.all([0, 1, 2, 3, 4].map(() => tick("2026-03-03")))).map((r) => r.status).sort();
    expect(race).toEqual([201, 409, 409, 409, 409]);
    expect((await items(eve.client, "checkins")).map((c) => c.day).sort()).toEqual(["2026-03-02", "2026-03-03"]);
    expect((await tick("not-a-day")).status).toBe(400);
  });

  it("unticking (delete) frees the day; check-ins cannot be edited", async () => {
    const fay = await signedUpUser(origin, "fay");
    const habit = await created(fay.client, "habits", { name: "Stretch" });
    const tick = await created(fay.client, "checkins", { habitId: habit.id, day: "2026-03-04" });
    expect((await fay.client.patch(`/_api/collections/checkins/${tick.id}`, { day: "2026-03-05" })).status).toBe(403);
    expect((await fay.client.delete(`/_api/collections/checkins/${tick.id}`)).status).toBe(204);
    await created(fay.client, "checkins", { habitId: habit.id, day: "2026-03-04" });
  });

  it("free users hold 3 habits (4th: 429 quota_exceeded); Pro lifts it", async () => {
    const gus = await signedUpUser(origin, "gus");
    for (const name of ["a", "b", "c"]) await created(gus.client, "habits", { name });
    const over = await gus.client.post("/_api/collections/habits", { name: "d" });
    expect(over.status).toBe(429);
    expect((await json<{ error: { code: string } }>(over)).error.code).toBe("quota_exceeded");
    expect((await grantPlan({ appId, userId: gus.userId, plan: "pro" })).status).toBe(200);
    for (const name of ["d", "e"]) await created(gus.client, "habits", { name });
    expect((await items(gus.client, "habits")).length).toBe(5);
  });
});
