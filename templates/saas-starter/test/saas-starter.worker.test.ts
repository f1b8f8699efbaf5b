/**
 * saas-starter on the real backend (workerd): notes are private to their owner (T11, T12); a
 * free user's 4th note is refused (429 quota_exceeded, nothing created) and a Pro user, whose
 * plan comes from a verified webhook, is not.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, appOrigin } from "../../../test/helpers/client";
import { seedApp } from "../../../test/helpers/seed";
import { grantPlan, signedUpUser } from "../../_kit/worker";

const slug = "tpl-saas";
const origin = appOrigin(slug);
let appId: string;

beforeAll(async () => {
  ({ appId } = await seedApp({ slug, templateId: "saas-starter" }));
});

const note = (c: Client, title: string) => c.post("/_api/collections/notes", { title, body: "text", pinned: false });
const count = async (c: Client): Promise<number> =>
  ((await (await c.get("/_api/collections/notes?limit=100")).json()) as { items: unknown[] }).items.length;

describe("saas-starter", () => {
  it("signed-out visitors have no workspace", async () => {
    expect([401, 403]).toContain((await new Client(origin).get("/_api/collections/notes")).status);
    expect([401, 403]).toContain((await note(new Client(origin), "x")).status);
  });

  it("notes are private: another user's note is 404 and never listed", async () => {
    const a = await signedUpUser(origin, "ann");
    const b = await signedUpUser(origin, "ben");
    const made = (await (await note(a.client, "secret plan")).json()) as { item: { id: string } };
    expect((await b.client.get(`/_api/collections/notes/${made.item.id}`)).status).toBe(404);
    expect((await b.client.patch(`/_api/collections/notes/${made.item.id}`, { title: "mine now" })).status).toBe(404);
    expect(await (await b.client.get("/_api/collections/notes")).text()).not.toContain("secret plan");
    expect((await a.client.get(`/_api/collections/notes/${made.item.id}`)).status).toBe(200);
  });

  it("a free user hits the 3-note limit", async () => {
    const { client } = await signedUpUser(origin, "free");
    for (const t of ["one", "two", "three"]) expect((await note(client, t)).status).toBe(201);
    const over = await note(client, "four");
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe("quota_exceeded");
    expect(await count(client)).toBe(3);
  });

  it("a Pro user does not", async () => {
    const { client, userId } = await signedUpUser(origin, "pro");
    expect((await grantPlan({ appId, userId, plan: "pro" })).status).toBe(200);
    for (const t of ["one", "two", "three", "four", "five"]) expect((await note(client, t)).status).toBe(201);
    expect(await count(client)).toBe(5);
  });
});
