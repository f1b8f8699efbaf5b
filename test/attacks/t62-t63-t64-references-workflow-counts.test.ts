import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { documents } from "../../platform/db/do-schema";
import { manifestSchema } from "../../platform/manifest/schema";
import { deleteRecord } from "../../platform/object/data-browser";
import { FIXTURE_TEMPLATES } from "../../platform/templates/bundle.gen";
import { json } from "../helpers/client";
import {
  errorOf,
  inObject,
  makeApp,
  sameAnswer,
  signUp,
  signUpVerified,
  type TestApp,
  type TestUser,
} from "./helpers/app";

/**
 * test/fixtures/templates/sandlot-prims:
 * - T62: a `reference` must name a document of its collection that the writer may read; a missing
 *   and an unreadable target get the same 400 `unknown_reference`. A `file` field names only the
 *   writer's own upload, on update too.
 * - T63: listings start `pending`, only the creator may change `status` (`writable`), along
 *   `transitions` only, and the list and read rules show the public only `approved` ones.
 * - T64: `votes` on an answer is kept by the server in the vote's own transaction; no body may set it.
 */

interface Item {
  id: string;
  [k: string]: unknown;
}

let app: TestApp;
let maker: TestUser;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;

const MISSING = "00000000-0000-4000-8000-000000000000";

async function created(user: TestUser, collection: string, body: Record<string, unknown>): Promise<Item> {
  const res = await user.client.post(`/_api/collections/${collection}`, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ item: Item }>(res)).item;
}

async function stored(): Promise<string[]> {
  return inObject(app, (store) =>
    store.db
      .select({ id: documents.id, data: documents.data })
      .from(documents)
      .all()
      .map((r) => `${r.id}:${r.data}`),
  );
}

beforeAll(async () => {
  app = await makeApp("t62-prims", "sandlot-prims", { creatorEmail: "maker-t62@example.com" });
  [maker, alice, bob, carol] = await Promise.all([
    signUpVerified(app, "maker-t62@example.com"),
    signUp(app, "alice-t62@example.com"),
    signUp(app, "bob-t62@example.com"),
    signUp(app, "carol-t62@example.com"),
  ]);
});

describe("T62: a reference to a document the writer cannot read", () => {
  let diary: Item;
  beforeAll(async () => {
    diary = await created(alice, "diaries", { title: "alice's private diary" });
  });

  it("another user's private document, a missing id and an id from another collection: one 400, nothing stored", async () => {
    const question = await created(alice, "questions", { title: "public question" });
    const before = await stored();
    const unreadable = await bob.client.post("/_api/collections/shares", { diaryId: diary.id });
    const missing = await bob.client.post("/_api/collections/shares", { diaryId: MISSING });
    const elsewhere = await bob.client.post("/_api/collections/shares", { diaryId: question.id });
    expect(unreadable.status).toBe(400);
    expect((await errorOf(unreadable.clone())).code).toBe("unknown_reference");
    await sameAnswer(unreadable, missing.clone());
    await sameAnswer(missing, elsewhere);
    expect(await stored()).toEqual(before);
    // The control: its owner may reference it.
    await created(alice, "shares", { diaryId: diary.id });
  });

  it("an update cannot point a reference at an unreadable document either", async () => {
    const own = await created(bob, "diaries", { title: "bob's diary" });
    const share = await created(bob, "shares", { diaryId: own.id });
    const before = await stored();
    const res = await bob.client.patch(`/_api/collections/shares/${share.id}`, { diaryId: diary.id });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("unknown_reference");
    expect(await stored()).toEqual(before);
  });

  it("a pending listing is no target for a reference by someone who cannot read it", async () => {
    // Answers reference questions (public); a question deleted in between is missing, not readable.
    const q = await created(alice, "questions", { title: "soon gone" });
    expect((await alice.client.delete(`/_api/collections/questions/${q.id}`)).status).toBe(204);
    const res = await bob.client.post("/_api/collections/answers", { questionId: q.id, body: "late" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("unknown_reference");
  });

  it("a file field names only the writer's own upload, on create and on update", async () => {
    const png = new Uint8Array(200);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const form = new FormData();
    form.append("file", new File([png], "a.png", { type: "image/png" }));
    const up = await alice.client.fetch("/_api/files", { method: "POST", body: form });
    expect(up.status).toBe(201);
    const file = (await json<{ file: { id: string } }>(up)).file;
    const own = await created(bob, "diaries", { title: "bob's second" });
    const onCreate = await bob.client.post("/_api/collections/shares", { diaryId: own.id, attachment: file.id });
    expect(onCreate.status).toBe(400);
    expect((await errorOf(onCreate)).code).toBe("unknown_file");
    const share = await created(bob, "shares", { diaryId: own.id });
    const onUpdate = await bob.client.patch(`/_api/collections/shares/${share.id}`, { attachment: file.id });
    expect(onUpdate.status).toBe(400);
    expect((await errorOf(onUpdate)).code).toBe("unknown_file");
    await created(alice, "shares", { diaryId: diary.id, attachment: file.id });
  });
});

describe("T63: an unapproved listing listed anonymously", () => {
  let pending: Item;
  beforeAll(async () => {
    pending = await created(alice, "listings", {
      name: "Alice's bakery",
      website: "https://bakery.example.com/",
      contact: "alice@bakery.example.com",
      category: "food",
    });
    expect(pending.status).toBe("pending");
  });

  const names = async (res: Response): Promise<string[]> =>
    (await json<{ items: Item[] }>(res)).items.map((i) => String(i.name));

  it("the public and other users never see a pending listing, by list, filter or id", async () => {
    const anon = app.client();
    for (const client of [anon, bob.client]) {
      expect(await names(await client.get("/_api/collections/listings"))).not.toContain("Alice's bakery");
      const filtered = await client.get("/_api/collections/listings?where[status]=pending");
      expect(await names(filtered)).toEqual([]);
      expect((await client.get(`/_api/collections/listings/${pending.id}`)).status).toBe(404);
    }
    expect(await names(await alice.client.get("/_api/collections/listings"))).toContain("Alice's bakery");
    expect(await names(await maker.client.get("/_api/collections/listings"))).toContain("Alice's bakery");
  });

  it("the author can neither create it approved nor approve it; nothing changes", async () => {
    const before = await stored();
    const born = await alice.client.post("/_api/collections/listings", {
      name: "Sneaky",
      category: "food",
      status: "approved",
    });
    expect(born.status).toBe(400);
    expect((await errorOf(born)).code).toBe("field_not_writable");
    const approve = await alice.client.patch(`/_api/collections/listings/${pending.id}`, { status: "approved" });
    expect(approve.status).toBe(400);
    expect((await errorOf(approve)).code).toBe("field_not_writable");
    expect(await stored()).toEqual(before);
  });

  it("the creator approves it, then it is public; status moves only along its transitions", async () => {
    const approve = await maker.client.patch(`/_api/collections/listings/${pending.id}`, { status: "approved" });
    expect(approve.status).toBe(200);
    expect(await names(await app.client().get("/_api/collections/listings"))).toContain("Alice's bakery");
    const back = await maker.client.patch(`/_api/collections/listings/${pending.id}`, { status: "pending" });
    expect(back.status).toBe(400);
    expect((await errorOf(back)).code).toBe("transition_not_allowed");
    const reject = await maker.client.patch(`/_api/collections/listings/${pending.id}`, { status: "rejected" });
    expect(reject.status).toBe(200);
    expect(await names(await app.client().get("/_api/collections/listings"))).not.toContain("Alice's bakery");
  });

  it("url, email and date fields refuse what they are not (a javascript: link above all)", async () => {
    const base = { name: "x", category: "shops" };
    for (const bad of [
      { website: "javascript:alert(1)" },
      { website: "data:text/html,<script>alert(1)</script>" },
      { website: "not a url" },
      { contact: "not-an-email" },
    ]) {
      const res = await bob.client.post("/_api/collections/listings", { ...base, ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    for (const day of ["2027-13-01", "2027-02-30", "tomorrow", "2027-01-01T10:00:00Z"]) {
      const res = await maker.client.post("/_api/collections/events", { title: "x", day, capacity: 1 });
      expect(res.status, day).toBe(400);
    }
  });
});

describe("T64: forging a server-maintained count", () => {
  let answer: Item;
  beforeAll(async () => {
    const q = await created(alice, "questions", { title: "Tabs or spaces?" });
    answer = await created(alice, "answers", { questionId: q.id, body: "tabs" });
  });

  const votesOf = async (client: { get(p: string): Promise<Response> }, id: string): Promise<unknown> =>
    (await json<{ item: Item }>(await client.get(`/_api/collections/answers/${id}`))).item.votes;

  it("a new answer counts 0, and a body naming the count is 400 on create and on update", async () => {
    expect(answer.votes).toBe(0);
    const q = await created(alice, "questions", { title: "again" });
    const forged = await alice.client.post("/_api/collections/answers", { questionId: q.id, body: "x", votes: 1000 });
    expect(forged.status).toBe(400);
    const bumped = await alice.client.patch(`/_api/collections/answers/${answer.id}`, { votes: 1000 });
    expect(bumped.status).toBe(400);
    expect(await votesOf(app.client(), answer.id)).toBe(0);
  });

  it("votes are counted in the vote's transaction, for everyone, without listing a vote", async () => {
    const cast = await Promise.all([alice, bob, carol].map((u) => created(u, "votes", { answerId: answer.id })));
    expect(await votesOf(app.client(), answer.id)).toBe(3);
    const listed = await json<{ items: Item[] }>(await app.client().get("/_api/collections/answers"));
    expect(listed.items.find((i) => i.id === answer.id)?.votes).toBe(3);
    // Votes are private to their voters: the count is the only thing the public learns.
    expect((await app.client().get("/_api/collections/votes")).status).toBe(401);
    expect((await bob.client.delete(`/_api/collections/votes/${(cast[1] as Item).id}`)).status).toBe(204);
    expect(await votesOf(app.client(), answer.id)).toBe(2);
  });

  it("a vote moved to another answer moves its count; an edit of the answer keeps it", async () => {
    const q = await created(bob, "questions", { title: "moving" });
    const target = await created(bob, "answers", { questionId: q.id, body: "other" });
    const before = (await votesOf(app.client(), answer.id)) as number;
    const vote = (await json<{ items: Item[] }>(await alice.client.get("/_api/collections/votes"))).items.find(
      (v) => v.answerId === answer.id,
    ) as Item;
    expect((await alice.client.patch(`/_api/collections/votes/${vote.id}`, { answerId: target.id })).status).toBe(200);
    expect(await votesOf(app.client(), answer.id)).toBe(before - 1);
    expect(await votesOf(app.client(), target.id)).toBe(1);
    expect((await alice.client.patch(`/_api/collections/answers/${answer.id}`, { body: "tabs, always" })).status).toBe(
      200,
    );
    expect(await votesOf(app.client(), answer.id)).toBe(before - 1);
    const row = await inObject(app, (store) =>
      store.db.select({ data: documents.data }).from(documents).where(eq(documents.id, answer.id)).get(),
    );
    expect(JSON.parse(row?.data ?? "{}").votes).toBe(before - 1);
  });

  it("the creator's record delete gives the count back; a list filtered by the reference carries counts", async () => {
    const q = await created(carol, "questions", { title: "creator cleans up" });
    const a = await created(carol, "answers", { questionId: q.id, body: "spam magnet" });
    const vote = await created(bob, "votes", { answerId: a.id });
    const byQuestion = await json<{ items: Item[] }>(
      await app.client().get(`/_api/collections/answers?where[questionId]=${q.id}`),
    );
    expect(byQuestion.items.map((i) => [i.id, i.votes])).toEqual([[a.id, 1]]);
    const manifest = manifestSchema.parse(FIXTURE_TEMPLATES["sandlot-prims"]?.manifest);
    expect(await inObject(app, (store) => deleteRecord(store, manifest, "votes", vote.id))).toBe(true);
    expect(await votesOf(app.client(), a.id)).toBe(0);
  });
});
