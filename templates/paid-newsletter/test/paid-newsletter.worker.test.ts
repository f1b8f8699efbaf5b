/**
 * paid-newsletter on the real backend (workerd): previews are public, full posts are refused to
 * everyone without a live `member` subscription (I4, T05, T08) and served to members, whose
 * membership comes only from a verified webhook (I4, T06). Non-creators cannot write.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Client, appOrigin } from "../../../test/helpers/client";
import { seedApp } from "../../../test/helpers/seed";
import { grantPlan, seedDocument, signedUpUser } from "../../_kit/worker";

const slug = "tpl-newsletter";
const origin = appOrigin(slug);
let appId: string;
let postId: string;
let previewId: string;
const BODY = "The whole essay, paragraph one.\n\nParagraph two, for members.";

beforeAll(async () => {
  ({ appId } = await seedApp({ slug, templateId: "paid-newsletter" }));
  postId = await seedDocument(appId, "posts", { title: "On slowness", body: BODY });
  previewId = await seedDocument(appId, "previews", {
    title: "On slowness",
    excerpt: "Why waiting helps.",
    postId,
    publishedAt: new Date().toISOString(),
  });
});

describe("paid-newsletter", () => {
  it("anyone can list and read previews, signed out", async () => {
    const visitor = new Client(origin);
    const list = await visitor.get("/_api/collections/previews");
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: Array<{ id: string; postId: string; body?: string }> };
    expect(body.items.map((i) => i.id)).toContain(previewId);
    expect(JSON.stringify(body)).not.toContain("paragraph one");
    expect((await visitor.get(`/_api/collections/previews/${previewId}`)).status).toBe(200);
  });

  it("a signed-out visitor cannot read the full post", async () => {
    const res = await new Client(origin).get(`/_api/collections/posts/${postId}`);
    expect([401, 403]).toContain(res.status);
    expect(await res.text()).not.toContain("paragraph one");
  });

  it("a signed-in non-member cannot read or list full posts", async () => {
    const { client } = await signedUpUser(origin, "reader");
    const res = await client.get(`/_api/collections/posts/${postId}`);
    expect([402, 403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain("paragraph one");
    const list = await client.get("/_api/collections/posts");
    expect(await list.text()).not.toContain("paragraph one");
  });

  it("a member (verified webhook) reads the full post; the same user could not before", async () => {
    const { client, userId } = await signedUpUser(origin, "member");
    expect((await client.get(`/_api/collections/posts/${postId}`)).status).not.toBe(200);
    const hook = await grantPlan({ appId, userId, plan: "member" });
    expect(hook.status).toBe(200);
    const me = (await (await client.get("/_api/auth/me")).json()) as { entitlements: { plans: string[] } };
    expect(me.entitlements.plans).toContain("member");
    const res = await client.get(`/_api/collections/posts/${postId}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { item: { body: string } }).item.body).toBe(BODY);
  });

  it("a forged webhook grants nothing", async () => {
    const { client, userId } = await signedUpUser(origin, "forger");
    const res = await new Client("http://localhost:8787").fetch("/webhooks/stripe", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00", "sec-fetch-site": "cross-site" },
      body: JSON.stringify({
        id: "evt_forged",
        type: "customer.subscription.created",
        data: { object: { metadata: { sandlot_app_id: appId, sandlot_user_id: userId, sandlot_plan: "member" } } },
      }),
    });
    expect(res.status).toBe(400);
    expect((await client.get(`/_api/collections/posts/${postId}`)).status).not.toBe(200);
  });

  it("a member or any other end user cannot write posts or previews (rule: creator)", async () => {
    const { client, userId } = await signedUpUser(origin, "writer");
    await grantPlan({ appId, userId, plan: "member" });
    expect((await client.post("/_api/collections/posts", { title: "Mine", body: "x" })).status).toBe(403);
    expect((await client.post("/_api/collections/previews", { title: "Mine", excerpt: "x", postId: "p" })).status).toBe(
      403,
    );
    expect(
      (await client.patch(`/_api/collections/posts/${postId}`, { body: "defaced" })).status,
    ).toBeGreaterThanOrEqual(403);
    expect((await client.delete(`/_api/collections/previews/${previewId}`)).status).toBeGreaterThanOrEqual(403);
    expect((await new Client(origin).get(`/_api/collections/previews/${previewId}`)).status).toBe(200);
  });
});
