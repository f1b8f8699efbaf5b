import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { r2Keys } from "../../platform/apps/r2-keys";
import { ServedAppCache } from "../../platform/apps/served-cache";
import type { Env } from "../../platform/env";
import type { AppObject } from "../../platform/object/app-object";
import { createAppRouter } from "../../platform/worker/app/router";
import { appStub } from "../../platform/worker/stubs";
import { VENDOR_URL_PREFIX } from "../../platform/worker/vendor";
import { appOrigin, Client, json } from "../helpers/client";
import { createApp, FIXTURE, HOME, homeSaying, publish, putFiles, signedInCreator } from "../integration/apps-helpers";
import { PASSWORD } from "./helpers/app";

/**
 * T46, T47 with the Host → app cache (platform/apps/served-cache.ts, worker/app/resolve.ts): the
 * origin serves from a copy of the app's row, so these attacks play an isolate that never saw the
 * studio's change (its own router and cache) and check that a publish, rollback, rename and
 * delete still show at once there, and that a deleted app's pages, assets and API stop at once.
 * The last test counts every D1 call the Worker makes: an asset request after the first makes none.
 */

type Router = ReturnType<typeof createAppRouter>;

/** Another isolate: the same Worker code with a cache nobody invalidates. */
function otherIsolate(): { router: Router; cache: ServedAppCache } {
  const cache = new ServedAppCache({ ttlMs: 3_600_000, missTtlMs: 3_600_000, maxEntries: 100 });
  return { router: createAppRouter({ cache }), cache };
}

async function visit(router: Router, slug: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("sec-fetch-site", "same-origin");
  const ctx = createExecutionContext();
  const res = await router.fetch(new Request(appOrigin(slug) + path, { ...init, headers }), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function liveIndex(appId: string, version: number): Promise<string> {
  return (await env.BUCKET.get(r2Keys.index(appId, version)))!.text();
}

const assetPathIn = (html: string): string => html.match(/\/assets\/[A-Za-z0-9_.-]+\.js/)![0];

async function publishedTwice(label: string) {
  const creator = await signedInCreator(label);
  const slug = `${label}-${crypto.randomUUID().slice(0, 6)}`;
  const app = await createApp(creator, slug);
  expect((await putFiles(creator, slug, { [HOME]: homeSaying("One") })).status).toBe(200);
  expect((await publish(creator, slug)).status).toBe(201);
  return { creator, slug, appId: app.id };
}

/** A D1 binding that counts every statement, batch and exec made through it. */
function countingDb(db: D1Database): { db: D1Database; calls: () => number } {
  let calls = 0;
  const counted = new Set(["prepare", "batch", "exec", "withSession"]);
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (counted.has(String(prop))) calls += 1;
        return value.apply(target, args);
      };
    },
  });
  return { db: proxy, calls: () => calls };
}

describe("T46/T47 an isolate's cached copy of an app never outlives a change", () => {
  it("T47 a publish, a rollback and a rename show at once in an isolate that holds the old copy", async () => {
    const a = await publishedTwice("cache-pub");
    const other = otherIsolate();
    expect(await (await visit(other.router, a.slug, "/")).text()).toBe(await liveIndex(a.appId, 1));
    const nameBefore = await json<{ app: { name: string } }>(await visit(other.router, a.slug, "/_api/app"));
    expect(nameBefore.app.name).toBe(`App ${a.slug}`);
    const loadsBefore = other.cache.loads;

    expect((await putFiles(a.creator, a.slug, { [HOME]: homeSaying("Two") })).status).toBe(200);
    expect((await publish(a.creator, a.slug)).status).toBe(201);
    expect(await liveIndex(a.appId, 2)).not.toBe(await liveIndex(a.appId, 1));
    expect(await (await visit(other.router, a.slug, "/")).text()).toBe(await liveIndex(a.appId, 2));
    expect(other.cache.loads).toBe(loadsBefore + 1);

    expect((await a.creator.post(`/api/apps/${a.slug}/rollback`, { version: 1 })).status).toBe(200);
    expect(await (await visit(other.router, a.slug, "/")).text()).toBe(await liveIndex(a.appId, 1));

    expect((await a.creator.patch(`/api/apps/${a.slug}`, { name: "Renamed" })).status).toBe(200);
    // An API request first: the app's object refuses the stale copy and the Worker reloads it.
    const renamed = await json<{ app: { name: string } }>(await visit(other.router, a.slug, "/_api/app"));
    expect(renamed.app.name).toBe("Renamed");
  });

  it("T46 a deleted app's page, assets and API stop at once in an isolate that cached it", async () => {
    const a = await publishedTwice("cache-del");
    const visitor = new Client(appOrigin(a.slug));
    expect((await visitor.post("/_api/auth/signup", { email: "v@example.com", password: PASSWORD })).status).toBe(201);
    const other = otherIsolate();
    const page = await (await visit(other.router, a.slug, "/")).text();
    const asset = assetPathIn(page);
    expect((await visit(other.router, a.slug, asset)).status).toBe(200);
    expect((await visit(other.router, a.slug, "/_api/app")).status).toBe(200);

    const deleted = await a.creator.fetch(`/api/apps/${a.slug}`, { method: "DELETE", json: { confirm: a.slug } });
    expect(deleted.status).toBe(200);

    // The asset first, while the other isolate still holds the app: R2 no longer has it.
    expect((await visit(other.router, a.slug, asset)).status).toBe(404);
    expect((await visit(other.router, a.slug, "/_api/app")).status).toBe(410);
    expect((await visit(other.router, a.slug, "/")).status).toBe(410);
    const signup = await visit(other.router, a.slug, "/_api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "late@example.com", password: PASSWORD }),
    });
    expect(signup.status).toBe(410);
    // The deletion mark is stored, so a restarted object refuses too, and it is all that is kept.
    const kept = await runInDurableObject(appStub(env, a.appId), (_o: AppObject, state) => ({
      mark: state.storage.kv.get("object:deleted"),
      keys: [...state.storage.kv.list()].map(([k]) => k),
    }));
    expect(kept).toEqual({ mark: true, keys: ["object:deleted"] });
  });

  it("T46 a slug deleted and taken again serves the new app at once, not the old copy's refusal", async () => {
    const a = await publishedTwice("cache-again");
    const other = otherIsolate();
    expect((await visit(other.router, a.slug, "/_api/app")).status).toBe(200);
    const deleted = await a.creator.fetch(`/api/apps/${a.slug}`, { method: "DELETE", json: { confirm: a.slug } });
    expect(deleted.status).toBe(200);
    const again = await a.creator.post("/api/apps", { slug: a.slug, template: FIXTURE, name: "Second life" });
    expect(again.status).toBe(201);
    const me = await json<{ app: { name: string } }>(await visit(other.router, a.slug, "/_api/app"));
    expect(me.app.name).toBe("Second life");
    expect((await visit(other.router, a.slug, "/")).status).toBe(404);
  });

  it("T47 after the first page, assets, vendor files, the API and pages make no D1 query", async () => {
    const a = await publishedTwice("cache-d1");
    const counter = countingDb(env.DB);
    const visitor = new Client(appOrigin(a.slug), { env: { ...env, DB: counter.db } as Env });
    const page = await visitor.get("/");
    expect(page.status).toBe(200);
    const asset = assetPathIn(await page.text());
    const first = counter.calls();
    expect(first).toBeGreaterThan(0);

    // Any name: a missing vendor file still resolves the app first.
    const vendor = `${VENDOR_URL_PREFIX}no-such-file.js`;
    const answers = [
      (await visitor.get(asset)).status,
      (await visitor.get(asset)).status,
      (await visitor.get(vendor)).status,
      (await visitor.get("/_api/app")).status,
      (await visitor.post("/_api/auth/signup", { email: "d1@example.com", password: PASSWORD })).status,
      (await visitor.get("/")).status,
    ];
    expect(answers).toEqual([200, 200, 404, 200, 201, 200]);
    expect(counter.calls()).toBe(first);
  });
});
