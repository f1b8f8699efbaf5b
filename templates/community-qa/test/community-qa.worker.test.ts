/**
 * community-qa on the real backend (workerd), each rule from both sides: questions and answers
 * are public until the creator hides them; answers must name a question the writer can read;
 * one vote per user per answer (409, also when racing) counted on the answer without listing
 * votes; only the asker accepts an answer; only the creator hides; per-user create rates (T69).
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
import { seedDocument } from "../../_kit/worker";

interface Item {
  id: string;
  ownerId?: string;
  votes?: number;
  hidden?: boolean;
  acceptedAnswerId?: string;
  [k: string]: unknown;
}

let app: TestApp;
let creator: TestUser;
let asker: TestUser;
let answerer: TestUser;
let voter: TestUser;

const Q = "/_api/collections/questions";
const A = "/_api/collections/answers";
const V = "/_api/collections/votes";

async function created(user: TestUser, path: string, body: Record<string, unknown>): Promise<Item> {
  const res = await user.client.post(path, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ item: Item }>(res)).item;
}

async function items(res: Response): Promise<Item[]> {
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<{ items: Item[] }>(res)).items;
}

const ask = (user: TestUser, title: string): Promise<Item> => created(user, Q, { title, body: "Some detail." });
const answer = (user: TestUser, questionId: string): Promise<Item> =>
  created(user, A, { questionId, body: "Try turning it off and on." });

beforeAll(async () => {
  app = await makeApp("tpl-community-qa", "community-qa", { creatorEmail: "host-qa@example.com" });
  [creator, asker, answerer, voter] = await Promise.all([
    signUpVerified(app, "host-qa@example.com"),
    signUp(app, "asker-qa@example.com"),
    signUp(app, "answerer-qa@example.com"),
    signUp(app, "voter-qa@example.com"),
  ]);
});

describe("questions and answers", () => {
  it("anyone reads questions and answers; only signed-in people post", async () => {
    const q = await ask(asker, "How do I repot a cactus?");
    const a = await answer(answerer, q.id);
    const anon = app.client();
    expect((await items(await anon.get(`${Q}?limit=100`))).map((i) => i.id)).toContain(q.id);
    expect((await items(await anon.get(`${A}?where[questionId]=${q.id}`))).map((i) => i.id)).toEqual([a.id]);
    expect((await anon.post(Q, { title: "Signed out question" })).status).toBe(401);
    expect((await anon.post(A, { questionId: q.id, body: "Signed out answer" })).status).toBe(401);
  });

  it("who asked and who answered stays private: only the author (and the creator) get ownerId", async () => {
    const q = await ask(asker, "Which soil for succulents?");
    const seen = (await json<{ item: Item }>(await app.client().get(`${Q}/${q.id}`))).item;
    expect(seen.ownerId).toBeUndefined();
    expect((await json<{ item: Item }>(await voter.client.get(`${Q}/${q.id}`))).item.ownerId).toBeUndefined();
    expect((await json<{ item: Item }>(await asker.client.get(`${Q}/${q.id}`))).item.ownerId).toBe(asker.id);
    expect((await json<{ item: Item }>(await creator.client.get(`${Q}/${q.id}`))).item.ownerId).toBe(asker.id);
  });

  it("an answer must name an existing, visible question: a missing one is 400 unknown_reference", async () => {
    const res = await answerer.client.post(A, { questionId: "00000000-0000-4000-8000-000000000000", body: "Hi" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("unknown_reference");
  });

  it("answerers cannot edit answers (only the creator moderates them); authors delete their own, others cannot", async () => {
    const q = await ask(creator, "Is tap water fine for orchids?");
    const a = await answer(answerer, q.id);
    expect((await answerer.client.patch(`${A}/${a.id}`, { body: "Edited" })).status).toBe(403);
    expect((await voter.client.delete(`${A}/${a.id}`)).status).toBe(403);
    expect((await answerer.client.delete(`${A}/${a.id}`)).status).toBe(204);
    expect((await app.client().get(`${A}/${a.id}`)).status).toBe(404);
  });

  it("at most 100 answers per question: the 101st is 409 capacity_reached", async () => {
    const q = await ask(voter, "A very popular question");
    for (let i = 0; i < 99; i++) await seedDocument(app.appId, "answers", { questionId: q.id, body: `seeded ${i}` });
    await answer(answerer, q.id);
    const over = await asker.client.post(A, { questionId: q.id, body: "One too many" });
    expect(over.status).toBe(409);
    expect((await errorOf(over)).code).toBe("capacity_reached");
  });
});

describe("votes: one per user per answer, counted on the answer", () => {
  let q: Item;
  let a: Item;
  beforeAll(async () => {
    q = await ask(asker, "Why are my tomato leaves curling?");
    a = await answer(answerer, q.id);
  });

  const votesOf = async (id: string): Promise<number | undefined> =>
    (await json<{ item: Item }>(await app.client().get(`${A}/${id}`))).item.votes;

  it("a new answer has 0 votes; a vote counts 1 for everyone, signed out too, without listing votes", async () => {
    expect(await votesOf(a.id)).toBe(0);
    await created(voter, V, { answerId: a.id, questionId: q.id });
    expect(await votesOf(a.id)).toBe(1);
    expect((await app.client().get(V)).status).toBe(401);
    expect(await items(await answerer.client.get(`${V}?where[questionId]=${q.id}`))).toEqual([]);
  });

  it("a second vote by the same user is 409 and counts nothing", async () => {
    const again = await voter.client.post(V, { answerId: a.id, questionId: q.id });
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe("unique_violation");
    expect(await votesOf(a.id)).toBe(1);
  });

  it("eight parallel votes by one user: one 201, seven 409, one counted", async () => {
    const b = await answer(voter, q.id);
    const statuses = (
      await Promise.all(Array.from({ length: 8 }, () => asker.client.post(V, { answerId: b.id, questionId: q.id })))
    )
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await votesOf(b.id)).toBe(1);
    expect((await items(await asker.client.get(`${V}?where[questionId]=${q.id}`))).length).toBe(1);
  });

  it("withdrawing a vote subtracts it and allows voting again; another user's vote is 404 to delete", async () => {
    const mine = await created(answerer, V, { answerId: a.id, questionId: q.id });
    expect(await votesOf(a.id)).toBe(2);
    expect((await voter.client.delete(`${V}/${mine.id}`)).status).toBe(404);
    expect((await answerer.client.delete(`${V}/${mine.id}`)).status).toBe(204);
    expect(await votesOf(a.id)).toBe(1);
    await created(answerer, V, { answerId: a.id, questionId: q.id });
    expect(await votesOf(a.id)).toBe(2);
  });

  it("nobody can write the count: `votes` in an answer body is 400", async () => {
    expect((await answerer.client.post(A, { questionId: q.id, body: "Rigged", votes: 99 })).status).toBe(400);
    expect((await creator.client.patch(`${A}/${a.id}`, { votes: 99 })).status).toBe(400);
  });

  it("answers cannot be sorted by votes on the server (counts are not indexed): 400 invalid_sort", async () => {
    const res = await app.client().get(`${A}?where[questionId]=${q.id}&sort=-votes`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_sort");
  });
});

describe("the accepted answer: only the asker chooses it", () => {
  let q: Item;
  let a: Item;
  beforeAll(async () => {
    q = await ask(asker, "How often should I water basil?");
    a = await answer(answerer, q.id);
  });

  it("the answerer cannot accept their own answer on someone else's question; nor can another user", async () => {
    expect((await answerer.client.patch(`${Q}/${q.id}`, { acceptedAnswerId: a.id })).status).toBe(403);
    expect((await voter.client.patch(`${Q}/${q.id}`, { acceptedAnswerId: a.id })).status).toBe(403);
    const now = (await json<{ item: Item }>(await app.client().get(`${Q}/${q.id}`))).item;
    expect(now.acceptedAnswerId).toBeUndefined();
  });

  it("the creator cannot accept for the asker: 400 field_not_writable", async () => {
    const res = await creator.client.patch(`${Q}/${q.id}`, { acceptedAnswerId: a.id });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("field_not_writable");
  });

  it("a question cannot be created with an accepted answer already set", async () => {
    const res = await asker.client.post(Q, { title: "Pre-accepted question", acceptedAnswerId: a.id });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("condition_failed");
  });

  it("the asker accepts, and everyone sees it", async () => {
    const res = await asker.client.patch(`${Q}/${q.id}`, { acceptedAnswerId: a.id });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json<{ item: Item }>(await app.client().get(`${Q}/${q.id}`))).item.acceptedAnswerId).toBe(a.id);
  });
});

describe("creator moderation: hide and delete", () => {
  it("only the creator hides a question; hidden, it leaves every list and read but the creator's", async () => {
    const q = await ask(answerer, "Spam spam spam spam");
    expect((await answerer.client.patch(`${Q}/${q.id}`, { hidden: true })).status).toBe(400);
    expect((await voter.client.patch(`${Q}/${q.id}`, { hidden: true })).status).toBe(403);
    expect((await creator.client.patch(`${Q}/${q.id}`, { hidden: true })).status).toBe(200);
    for (const c of [app.client(), voter.client, answerer.client]) {
      expect((await items(await c.get(`${Q}?limit=100`))).map((i) => i.id)).not.toContain(q.id);
      expect((await c.get(`${Q}/${q.id}`)).status).toBe(404);
    }
    expect((await items(await creator.client.get(`${Q}?limit=100`))).map((i) => i.id)).toContain(q.id);
    // Hidden, its author cannot edit it back into view, and nobody can answer it.
    expect((await answerer.client.patch(`${Q}/${q.id}`, { title: "Spam, edited to look fine" })).status).toBe(404);
    const reply = await voter.client.post(A, { questionId: q.id, body: "Answering spam" });
    expect(reply.status).toBe(400);
    expect((await errorOf(reply)).code).toBe("unknown_reference");
  });

  it("a hidden answer leaves the question's answers for all but the creator, and cannot be voted on", async () => {
    const q = await ask(voter, "What is the best compost mix?");
    const a = await answer(answerer, q.id);
    expect((await answerer.client.patch(`${A}/${a.id}`, { hidden: true })).status).toBe(403);
    expect((await creator.client.patch(`${A}/${a.id}`, { hidden: true })).status).toBe(200);
    expect(await items(await app.client().get(`${A}?where[questionId]=${q.id}`))).toEqual([]);
    const forCreator = await items(await creator.client.get(`${A}?where[questionId]=${q.id}`));
    expect(forCreator.map((i) => [i.id, i.hidden])).toEqual([[a.id, true]]);
    const vote = await asker.client.post(V, { answerId: a.id, questionId: q.id });
    expect(vote.status).toBe(400);
    expect((await errorOf(vote)).code).toBe("unknown_reference");
    expect((await creator.client.patch(`${A}/${a.id}`, { hidden: false })).status).toBe(200);
    expect((await items(await app.client().get(`${A}?where[questionId]=${q.id}`))).map((i) => i.id)).toEqual([a.id]);
  });

  it("the creator deletes anyone's question or answer; other users get 403", async () => {
    const q = await ask(answerer, "Off-topic: best pizza in town?");
    const a = await answer(voter, q.id);
    expect((await asker.client.delete(`${Q}/${q.id}`)).status).toBe(403);
    expect((await asker.client.delete(`${A}/${a.id}`)).status).toBe(403);
    expect((await creator.client.delete(`${A}/${a.id}`)).status).toBe(204);
    expect((await creator.client.delete(`${Q}/${q.id}`)).status).toBe(204);
    expect((await app.client().get(`${Q}/${q.id}`)).status).toBe(404);
  });
});

describe("per-user rate limits (T69)", () => {
  it("five questions an hour per person: the sixth is 429 rate_limited, deleting gives none back", async () => {
    const poster = await signUp(app, "poster-qa@example.com");
    const mine: Item[] = [];
    for (let i = 0; i < 5; i++) mine.push(await ask(poster, `Rate-limited question ${i}`));
    const sixth = await poster.client.post(Q, { title: "Rate-limited question 5" });
    expect(sixth.status).toBe(429);
    expect((await errorOf(sixth)).code).toBe("rate_limited");
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await poster.client.delete(`${Q}/${mine[0]!.id}`)).status).toBe(204);
    expect((await poster.client.post(Q, { title: "After deleting one" })).status).toBe(429);
    // Another person's allowance is their own.
    await ask(voter, "Someone else can still ask");
  });
});
