import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../platform/env";
import worker from "../../platform/index";
import { r2Keys } from "../../platform/apps/r2-keys";
import { findTemplate } from "../../platform/templates/pushed";
// @ts-expect-error plain ESM without types
import { scaffold } from "../../scripts/cli/scaffold.mjs";
import { Client, STUDIO_ORIGIN } from "../helpers/client";

/**
 * T58: install unreviewed template code into a platform through `POST /api/dev/templates` (what
 * `sandlot template push` calls). Production has no such endpoint (404, nothing stored) and never
 * reads pushed templates, even one planted in its bucket; in development only a signed-in creator
 * may push, never over a deployed template or another creator's, and never files the builder's
 * checks refuse.
 */

const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
const production: Env = { ...(env as unknown as Env), ENVIRONMENT: "production" };

/** A template exactly as `sandlot template new` writes it: manifest and the files the platform keeps. */
function pushBody(id: string): { manifest: Record<string, unknown>; files: Record<string, string> } {
  const all = scaffold({
    id,
    collections: [{ name: "items", fields: [{ name: "title", type: "text" }] }],
    plan: null,
  }) as Record<string, string>;
  const files = Object.fromEntries(Object.entries(all).filter(([p]) => p === "index.html" || p.startsWith("src/")));
  return { manifest: JSON.parse(all["template.json"]!), files };
}

async function creatorIn(e: Env): Promise<(path: string, json?: unknown) => Promise<Response>> {
  const ip = new Client(STUDIO_ORIGIN).ip;
  const send = async (path: string, cookie: string | null, json?: unknown): Promise<Response> => {
    const headers = new Headers({ "sec-fetch-site": "same-origin", "cf-connecting-ip": ip });
    if (cookie) headers.set("cookie", cookie);
    if (json !== undefined) headers.set("content-type", "application/json");
    const init: RequestInit = json === undefined ? {} : { method: "POST", body: JSON.stringify(json) };
    return worker.fetch(new Request(new URL(path, STUDIO_ORIGIN), { ...init, headers }), e, ctx);
  };
  const email = `t58-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const signup = await send("/api/auth/signup", null, { email, password: "correct horse battery staple" });
  expect(signup.status).toBe(201);
  const pair = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
  return (path, json) => send(path, pair, json);
}

const codeOf = async (res: Response): Promise<string> => ((await res.json()) as { error: { code: string } }).error.code;

describe("T58 template push is a development-only door", () => {
  it("production: the endpoint does not exist and nothing is stored", async () => {
    const call = await creatorIn(production);
    const id = `t58-prod-${crypto.randomUUID().slice(0, 6)}`;
    const res = await call("/api/dev/templates", pushBody(id));
    expect(res.status).toBe(404);
    expect(await codeOf(res)).toBe("not_found");
    expect(await env.BUCKET.head(r2Keys.pushedTemplate(id))).toBeNull();
  });

  it("production: a template planted in the bucket is never used to create an app or listed", async () => {
    const id = `t58-planted-${crypto.randomUUID().slice(0, 6)}`;
    const body = pushBody(id);
    await env.BUCKET.put(
      r2Keys.pushedTemplate(id),
      JSON.stringify({ ...body, creatorId: "someone", pushedAt: Date.now() }),
    );
    // The control: the same object is a template where dev features exist…
    expect(await findTemplate(env as unknown as Env, id)).not.toBeNull();
    // …and is nothing in production.
    expect(await findTemplate(production, id)).toBeNull();
    const call = await creatorIn(production);
    const created = await call("/api/apps", { slug: `t58p-${crypto.randomUUID().slice(0, 6)}`, template: id });
    expect(created.status).toBe(400);
    expect(await codeOf(created)).toBe("unknown_template");
    const listed = (await (await call("/api/templates")).json()) as { templates: Array<{ id: string }> };
    expect(listed.templates.map((t) => t.id)).not.toContain(id);
    expect((await call(`/api/templates/${id}/files`)).status).toBe(404);
  });

  it("development: signed out is 401 and nothing is stored", async () => {
    const id = `t58-anon-${crypto.randomUUID().slice(0, 6)}`;
    const res = await new Client(STUDIO_ORIGIN).post("/api/dev/templates", pushBody(id));
    expect(res.status).toBe(401);
    expect(await env.BUCKET.head(r2Keys.pushedTemplate(id))).toBeNull();
  });

  it("development: a deployed template's id and another creator's pushed id cannot be taken over", async () => {
    const call = await creatorIn(env as unknown as Env);
    const over = await call("/api/dev/templates", pushBody("saas-starter"));
    expect(over.status).toBe(409);
    expect(await codeOf(over)).toBe("template_exists");
    // A test fixture resolves in development like a deployed template, so it cannot be shadowed either.
    const fixture = await call("/api/dev/templates", pushBody("recipe-box"));
    expect(fixture.status).toBe(409);
    expect(((await fixture.json()) as { error: { message: string } }).error.message).toContain("test templates");
    const id = `t58-mine-${crypto.randomUUID().slice(0, 6)}`;
    expect((await call("/api/dev/templates", pushBody(id))).status).toBe(201);
    const other = await creatorIn(env as unknown as Env);
    const taken = await other("/api/dev/templates", pushBody(id));
    expect(taken.status).toBe(409);
    expect(await codeOf(taken)).toBe("template_exists");
    // The first creator may push again (a new version of their own template).
    const again = await call("/api/dev/templates", pushBody(id));
    expect(again.status).toBe(201);
    expect(((await again.json()) as { replaced: boolean }).replaced).toBe(true);
  });

  it("development: a bad manifest, a missing blank or a credential in a file is 400 and nothing is stored", async () => {
    const call = await creatorIn(env as unknown as Env);
    const bad = pushBody(`t58-bad-${crypto.randomUUID().slice(0, 6)}`);
    const manifest = { ...bad.manifest, collections: { x: { fields: {}, rules: { list: "everyone" } } } };
    const invalid = await call("/api/dev/templates", { ...bad, manifest });
    expect(invalid.status).toBe(400);
    expect(await codeOf(invalid)).toBe("invalid_manifest");

    const id = `t58-leak-${crypto.randomUUID().slice(0, 6)}`;
    const leaky = pushBody(id);
    const key = ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");
    leaky.files["src/App.tsx"] = `${leaky.files["src/App.tsx"]}\nconst k = "${key}";\n`;
    const res = await call("/api/dev/templates", leaky);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("invalid_files");
    expect(text).not.toContain(key);

    const missing = pushBody(id);
    delete missing.files["src/blanks/Brand.tsx"];
    const gone = await call("/api/dev/templates", missing);
    expect(gone.status).toBe(400);
    expect(await env.BUCKET.head(r2Keys.pushedTemplate(id))).toBeNull();
  });
});
