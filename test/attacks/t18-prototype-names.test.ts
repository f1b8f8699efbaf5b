import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { r2Keys } from "../../platform/apps/r2-keys";
import { getTemplate } from "../../platform/templates/registry";
import { appStub } from "../../platform/worker/stubs";
import { Client, json } from "../helpers/client";
import { seedApp } from "../helpers/seed";
import { appMetadata, deliverEvent, nowSec, subscriptionEvent } from "../integration/billing-helpers";
import { createApp, FIXTURE, signedInCreator } from "../integration/apps-helpers";
import { makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

/**
 * T18: names that exist on every JavaScript object (`constructor`, `__proto__`, `toString`, …)
 * wherever the platform accepts a name from a client — template ids, collection names, plan ids,
 * document fields, blank paths, token ids, query values, webhook metadata. Each must answer like
 * any other unknown name: a 4xx with the usual code, never a 500, and nothing stored.
 */

const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];

/** A JSON object with `key` as an own key, even for `__proto__` (JSON.stringify would drop it). */
const objectWith = (key: string, value: string): string => `{${JSON.stringify(key)}:${JSON.stringify(value)}}`;

interface ErrorBody {
  error: { code: string };
}
const codeOf = async (res: Response): Promise<string> => (await json<ErrorBody>(res)).error.code;

let creator: Client;
let slug: string;
let app: TestApp;
let user: TestUser;

beforeAll(async () => {
  creator = await signedInCreator("t18");
  slug = `t18-${crypto.randomUUID().slice(0, 6)}`;
  await createApp(creator, slug);
  app = await makeApp(`t18app-${crypto.randomUUID().slice(0, 6)}`);
  user = await signUp(app, "t18-user@example.com");
});

describe.each(NAMES)("T18 the name %j", (name) => {
  it("studio: template id, template files, creator plan, app slug, token id, outbox copy", async () => {
    const create = await creator.post("/api/apps", { slug: `x-${crypto.randomUUID().slice(0, 6)}`, template: name });
    expect(create.status).toBe(400);
    expect(await codeOf(create)).toBe("unknown_template");
    expect((await creator.get(`/api/apps`).then((r) => json<{ apps: unknown[] }>(r))).apps).toHaveLength(1);
    expect(
      (await new Client("http://localhost:8787").get(`/api/templates/${encodeURIComponent(name)}/files`)).status,
    ).toBe(404);
    const plan = await creator.post("/api/billing/checkout", { plan: name });
    expect(plan.status).toBe(400);
    expect(await codeOf(plan)).toBe("unknown_plan");
    for (const path of [
      `/api/apps/${encodeURIComponent(name)}`,
      `/api/apps/${encodeURIComponent(name)}/files`,
      `/api/apps/${encodeURIComponent(name)}/versions`,
    ]) {
      expect((await creator.get(path)).status, path).toBe(404);
    }
    expect((await creator.delete(`/api/tokens/${encodeURIComponent(name)}`)).status).toBe(404);
    const outbox = await creator.get(`/api/apps/${slug}/outbox?copy=${encodeURIComponent(name)}`);
    expect(outbox.status).toBe(400);
  });

  it("studio: a blank path of that name is refused and nothing is saved", async () => {
    const before = await (
      await env.BUCKET.get(
        r2Keys.draft((await creator.get(`/api/apps/${slug}`).then((r) => json<{ app: { id: string } }>(r))).app.id),
      )
    )?.text();
    for (const path of [name, `src/blanks/${name}`, `src/blanks/${name}.tsx`]) {
      const res = await creator.fetch(`/api/apps/${slug}/files`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: `{"files":${objectWith(path, "export default () => null;\n")}}`,
      });
      expect(res.status, path).toBe(400);
      expect(["invalid_files", "forbidden_key"]).toContain(await codeOf(res));
    }
    const id = (await creator.get(`/api/apps/${slug}`).then((r) => json<{ app: { id: string } }>(r))).app.id;
    expect(await (await env.BUCKET.get(r2Keys.draft(id)))?.text()).toBe(before);
  });

  it("app plane: collection name, document field, plan id", async () => {
    const enc = encodeURIComponent(name);
    expect((await user.client.get(`/_api/collections/${enc}`)).status).toBe(404);
    expect((await user.client.post(`/_api/collections/${enc}`, { title: "x" })).status).toBe(404);
    expect((await user.client.get(`/_api/collections/${enc}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const field = await user.client.fetch("/_api/collections/notes", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: objectWith(name, "x").replace("}", ',"title":"t"}'),
    });
    expect(field.status).toBe(400);
    expect(["unknown_field", "forbidden_key"]).toContain(await codeOf(field));
    const made = await user.client.post("/_api/collections/notes", { title: "mine" });
    expect(made.status).toBe(201);
    const { item } = await json<{ item: { id: string } }>(made);
    const patch = await user.client.fetch(`/_api/collections/notes/${item.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: objectWith(name, "x"),
    });
    expect(patch.status).toBe(400);
    const read = await json<{ item: Record<string, unknown> }>(
      await user.client.get(`/_api/collections/notes/${item.id}`),
    );
    expect(Object.keys(read.item).sort()).toEqual(["createdAt", "id", "ownerId", "title", "updatedAt"]);
    expect((await user.client.delete(`/_api/collections/notes/${item.id}`)).status).toBe(204);
    const checkout = await user.client.post("/_api/billing/checkout", { plan: name });
    expect(checkout.status).toBe(400);
    expect(await codeOf(checkout)).toBe("unknown_plan");
  });

  it("an app whose stored template id is that name answers 503, not 500; the registry misses it", async () => {
    expect(getTemplate(env, name)).toBeNull();
    const seeded = `proto-${crypto.randomUUID().slice(0, 6)}`;
    await seedApp({ slug: seeded, templateId: name });
    const res = await new Client(`http://${seeded}.localhost:8787`).get("/_api/auth/me");
    expect(res.status).toBe(503);
    expect(await codeOf(res)).toBe("app_unavailable");
  });

  it("webhooks: an app plan and a creator plan of that name grant nothing", async () => {
    const sub = `sub_${crypto.randomUUID().slice(0, 8)}`;
    const res = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: sub,
        created: nowSec(),
        status: "active",
        metadata: appMetadata(app.appId, user.id, name),
      }),
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ outcome: "ignored", reason: "unknown_plan" });
    const creatorEvent = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: `${sub}_c`,
        created: nowSec(),
        status: "active",
        metadata: { sandlot_creator_id: "someone", sandlot_creator_plan: name },
      }),
    );
    expect(await json(creatorEvent)).toMatchObject({ outcome: "ignored", reason: "unknown_plan" });
    expect((await appStub(env, app.appId).billingSubscribers()).length).toBe(0);
  });
});

it("T18 control: a real template, collection and plan are found by the same requests", async () => {
  expect(getTemplate(env, FIXTURE)).not.toBeNull();
  expect((await user.client.get("/_api/collections/notes")).status).toBe(200);
  expect((await user.client.post("/_api/billing/checkout", { plan: "pro" })).status).toBe(200);
});
