import { beforeAll, describe, expect, it } from "vitest";
import { manifestSchema } from "../../platform/manifest/schema";
import { TEMPLATES } from "../../platform/templates/bundle.gen";
import { json } from "../helpers/client";
import { errorOf, inObject, makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

/**
 * T69: flooding a collection faster than its `limits.createsPerHourPerUser` (community-qa:
 * 5 questions an hour). The hit is counted in the create's own transaction, so parallel creates
 * cannot overspend; deleting gives no create back; a refused create spends nothing; the window
 * is the user's own and ends after an hour.
 */

let app: TestApp;
let spammer: TestUser;
let racer: TestUser;
let other: TestUser;

const Q = "/_api/collections/questions";
const A = "/_api/collections/answers";
const ask = (u: TestUser, i: number): Promise<Response> => u.client.post(Q, { title: `Flood question number ${i}` });

async function questionsOf(user: TestUser): Promise<number> {
  const res = await user.client.get(`${Q}?where[ownerId]=@me&limit=100`);
  return (await json<{ items: unknown[] }>(res)).items.length;
}

beforeAll(async () => {
  app = await makeApp("t69-rate", "community-qa");
  [spammer, racer, other] = await Promise.all([
    signUp(app, "spammer-t69@example.com"),
    signUp(app, "racer-t69@example.com"),
    signUp(app, "other-t71@example.com"),
  ]);
});

describe("T69: per-user create rate per collection", () => {
  it("the sixth question within the hour is 429 rate_limited with Retry-After, and nothing is stored", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await ask(spammer, i);
      expect(res.status).toBe(201);
      ids.push((await json<{ item: { id: string } }>(res)).item.id);
    }
    const sixth = await ask(spammer, 5);
    expect(sixth.status).toBe(429);
    expect((await errorOf(sixth)).code).toBe("rate_limited");
    const retry = Number(sixth.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(3600);
    expect(await questionsOf(spammer)).toBe(5);
    // Post and delete in a loop: a delete frees the per-user document cap, not the hourly rate.
    for (const id of ids) expect((await spammer.client.delete(`${Q}/${id}`)).status).toBe(204);
    expect((await ask(spammer, 6)).status).toBe(429);
    expect(await questionsOf(spammer)).toBe(0);
  });

  it("twelve parallel creates by one user: exactly five stored", async () => {
    const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => ask(racer, i)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(await questionsOf(racer)).toBe(5);
  });

  it("the limit is per user and per collection: others still ask, the spammer still answers", async () => {
    const asked = await ask(other, 0);
    expect(asked.status).toBe(201);
    const qid = (await json<{ item: { id: string } }>(asked)).item.id;
    expect((await spammer.client.post(A, { questionId: qid, body: "An answer is another collection" })).status).toBe(
      201,
    );
  });

  it("a refused create spends nothing: four invalid answers, then the full allowance of valid ones", async () => {
    const fresh = await signUp(app, "fresh-t71@example.com");
    const qid = (await json<{ item: { id: string } }>(await ask(other, 1))).item.id;
    const missing = "00000000-0000-4000-8000-000000000000";
    for (let i = 0; i < 4; i++)
      expect((await fresh.client.post(A, { questionId: missing, body: "To nowhere" })).status).toBe(400);
    for (let i = 0; i < 20; i++)
      expect((await fresh.client.post(A, { questionId: qid, body: `Answer ${i}` })).status).toBe(201);
    expect((await fresh.client.post(A, { questionId: qid, body: "One too many" })).status).toBe(429);
  });

  it("after the hour the window starts again", async () => {
    await inObject(app, (store) => {
      store.sql.exec(
        "UPDATE rate_windows SET window_start = window_start - 3600001 WHERE key LIKE 'creates:questions:%'",
      );
    });
    expect((await ask(spammer, 7)).status).toBe(201);
    expect((await ask(spammer, 8)).status).toBe(201);
  });

  it("the manifest refuses a rate that is not a whole number of at least 1", () => {
    const base = TEMPLATES["community-qa"]!.manifest as { collections: Record<string, { limits: object }> };
    for (const bad of [0, -1, 1.5, "5"]) {
      const m = structuredClone(base);
      m.collections.questions!.limits = { createsPerHourPerUser: bad };
      expect(manifestSchema.safeParse(m).success, String(bad)).toBe(false);
    }
    expect(manifestSchema.safeParse(base).success).toBe(true);
  });
});
