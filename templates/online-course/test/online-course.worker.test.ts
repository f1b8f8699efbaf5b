/**
 * online-course on the real backend (workerd). Lesson titles are public (the syllabus shows);
 * a paid lesson's content is left out by `visibility` for anyone without the `student` plan, in
 * lists and reads alike, so a free user reading the raw API gets no body; only the creator
 * writes lessons; progress is private to its owner (T11), one per student per lesson (T60), and
 * names a lesson that exists (T62).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, appOrigin, json } from "../../../test/helpers/client";
import { makeApp, signUpVerified, type TestApp } from "../../../test/attacks/helpers/app";
import { grantPlan, seedDocument, signedUpUser } from "../../_kit/worker";

const slug = "tpl-online-course";
const origin = appOrigin(slug);
const creatorEmail = "teacher@example.com";
const PAID_BODY = "The paid technique, step by step.";
const FREE_BODY = "Welcome to the course.";
let app: TestApp;
let freeLesson: string;
let paidLesson: string;

interface LessonItem {
  id: string;
  title: string;
  free?: boolean;
  body?: string;
  videoUrl?: string;
  ownerId?: string;
}
type List = { items: LessonItem[] };

beforeAll(async () => {
  app = await makeApp(slug, "online-course", { creatorEmail });
  freeLesson = await seedDocument(app.appId, "lessons", { title: "Welcome", position: 1, free: true, body: FREE_BODY });
  paidLesson = await seedDocument(app.appId, "lessons", {
    title: "The real technique",
    position: 2,
    body: PAID_BODY,
    videoUrl: "https://video.example.com/lesson-2",
  });
});

const lessonsOf = async (c: Client): Promise<LessonItem[]> => {
  const res = await c.get("/_api/collections/lessons?limit=100&sort=position");
  expect(res.status).toBe(200);
  return (await json<List>(res)).items;
};
const mark = (c: Client, lessonId: string) => c.post("/_api/collections/progress", { lessonId });

describe("online-course: lessons", () => {
  it("the syllabus is public in order; a free preview's content too, a paid lesson's content to nobody signed out", async () => {
    const items = await lessonsOf(new Client(origin));
    expect(items.map((i) => i.title)).toEqual(["Welcome", "The real technique"]);
    expect(items[0]!.body).toBe(FREE_BODY);
    expect(items[1]).not.toHaveProperty("body");
    expect(items[1]).not.toHaveProperty("videoUrl");
    const raw = await (await new Client(origin).get(`/_api/collections/lessons/${paidLesson}`)).text();
    expect(raw).toContain("The real technique");
    expect(raw).not.toContain(PAID_BODY);
    expect(raw).not.toContain("video.example.com");
  });

  it("a signed-in free user reading the raw API gets no paid content, in the list or the document", async () => {
    const free = await signedUpUser(origin, "free");
    const listText = await (await free.client.get("/_api/collections/lessons?limit=100")).text();
    expect(listText).toContain("The real technique");
    expect(listText).not.toContain(PAID_BODY);
    const read = await free.client.get(`/_api/collections/lessons/${paidLesson}`);
    expect(read.status).toBe(200);
    const item = (await json<{ item: LessonItem }>(read)).item;
    expect(item.title).toBe("The real technique");
    expect(item).not.toHaveProperty("body");
    expect(item).not.toHaveProperty("videoUrl");
    // Nor can a filter or a search probe the content: neither is declared for it.
    expect((await free.client.get("/_api/collections/lessons?where[body]=x")).status).toBe(400);
    expect((await free.client.get("/_api/collections/lessons?q=technique")).status).toBe(400);
  });

  it("a student (the plan from a verified webhook) reads the paid content", async () => {
    const student = await signedUpUser(origin, "student");
    expect((await grantPlan({ appId: app.appId, userId: student.userId, plan: "student" })).status).toBe(200);
    const items = await lessonsOf(student.client);
    expect(items[1]!.body).toBe(PAID_BODY);
    expect(items[1]!.videoUrl).toBe("https://video.example.com/lesson-2");
    const item = (await json<{ item: LessonItem }>(await student.client.get(`/_api/collections/lessons/${paidLesson}`)))
      .item;
    expect(item.body).toBe(PAID_BODY);
  });

  it("only the creator writes lessons: signed out 401, a user (student or not) 403", async () => {
    const lesson = { title: "Sneaky", position: 3, free: true, body: "x" };
    expect((await new Client(origin).post("/_api/collections/lessons", lesson)).status).toBe(401);
    const user = await signedUpUser(origin, "writer");
    expect((await user.client.post("/_api/collections/lessons", lesson)).status).toBe(403);
    const student = await signedUpUser(origin, "student-writer");
    await grantPlan({ appId: app.appId, userId: student.userId, plan: "student" });
    expect((await student.client.post("/_api/collections/lessons", lesson)).status).toBe(403);
    // Making a paid lesson free would publish its content: refused the same way.
    expect((await user.client.patch(`/_api/collections/lessons/${paidLesson}`, { free: true })).status).toBe(403);
    expect((await user.client.delete(`/_api/collections/lessons/${paidLesson}`)).status).toBe(403);
    const items = await lessonsOf(new Client(origin));
    expect(items.map((i) => i.title)).toEqual(["Welcome", "The real technique"]);
    expect(items[1]).not.toHaveProperty("body");
  });

  it("the creator (verified account email) writes, sees and changes lessons; their id stays private", async () => {
    const creator = await signUpVerified(app, creatorEmail);
    const made = await creator.client.post("/_api/collections/lessons", {
      title: "Bonus",
      position: 9,
      body: "Bonus body",
      videoUrl: "javascript:alert(1)",
    });
    expect(made.status).toBe(400);
    const ok = await creator.client.post("/_api/collections/lessons", { title: "Bonus", position: 9, body: "Bonus" });
    expect(ok.status).toBe(201);
    const id = (await json<{ item: { id: string } }>(ok)).item.id;
    expect((await lessonsOf(creator.client)).find((l) => l.id === id)?.body).toBe("Bonus");
    const seen = (await lessonsOf(new Client(origin))).find((l) => l.id === id);
    expect(seen).toBeDefined();
    expect(seen).not.toHaveProperty("body");
    expect(seen).not.toHaveProperty("ownerId");
    expect((await creator.client.patch(`/_api/collections/lessons/${id}`, { free: true })).status).toBe(200);
    expect((await lessonsOf(new Client(origin))).find((l) => l.id === id)?.body).toBe("Bonus");
    expect((await creator.client.delete(`/_api/collections/lessons/${id}`)).status).toBe(204);
  });
});

describe("online-course: progress", () => {
  it("signed out cannot keep progress", async () => {
    expect((await mark(new Client(origin), freeLesson)).status).toBe(401);
    expect((await new Client(origin).get("/_api/collections/progress")).status).toBe(401);
  });

  it("one progress per student per lesson: a second mark is 409, even when racing", async () => {
    const a = await signedUpUser(origin, "learner");
    expect((await mark(a.client, freeLesson)).status).toBe(201);
    const again = await mark(a.client, freeLesson);
    expect(again.status).toBe(409);
    expect((await json<{ error: { code: string } }>(again)).error.code).toBe("unique_violation");
    const racer = await signedUpUser(origin, "racer");
    const statuses = (await Promise.all([0, 1, 2, 3].map(() => mark(racer.client, paidLesson)))).map((r) => r.status);
    expect(statuses.sort()).toEqual([201, 409, 409, 409]);
    // Another student's mark on the same lesson is theirs: the pair is unique, not the lesson.
    expect((await mark((await signedUpUser(origin, "other")).client, freeLesson)).status).toBe(201);
  });

  it("progress names a lesson that exists, and only the fields it declares", async () => {
    const a = await signedUpUser(origin, "typo");
    expect((await mark(a.client, "not an id")).status).toBe(400);
    const unknown = await mark(a.client, crypto.randomUUID());
    expect(unknown.status).toBe(400);
    expect((await json<{ error: { code: string } }>(unknown)).error.code).toBe("unknown_reference");
    expect(
      (await a.client.post("/_api/collections/progress", { lessonId: freeLesson, ownerId: "someone" })).status,
    ).toBe(400);
    expect((await a.client.post("/_api/collections/progress", { lessonId: freeLesson, done: true })).status).toBe(400);
  });

  it("progress is private: another student lists none of it and gets 404 for it (T11)", async () => {
    const a = await signedUpUser(origin, "private-a");
    const b = await signedUpUser(origin, "private-b");
    const made = await json<{ item: { id: string } }>(await mark(a.client, freeLesson));
    expect((await b.client.get(`/_api/collections/progress/${made.item.id}`)).status).toBe(404);
    expect((await b.client.delete(`/_api/collections/progress/${made.item.id}`)).status).toBe(404);
    expect((await json<{ items: unknown[] }>(await b.client.get("/_api/collections/progress"))).items).toEqual([]);
    const mine = await json<{ items: Array<{ lessonId: string }> }>(await a.client.get("/_api/collections/progress"));
    expect(mine.items.map((p) => p.lessonId)).toEqual([freeLesson]);
    // Nobody edits a mark (update is `nobody`); its owner may take it back, which frees the pair.
    expect((await a.client.patch(`/_api/collections/progress/${made.item.id}`, { lessonId: paidLesson })).status).toBe(
      403,
    );
    expect((await a.client.delete(`/_api/collections/progress/${made.item.id}`)).status).toBe(204);
    expect((await mark(a.client, freeLesson)).status).toBe(201);
  });
});
