import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { releaseApp, SLUG_HOLD_MS } from "../../platform/apps/deletion";
import { r2Keys } from "../../platform/apps/r2-keys";
import { CREATOR_PLANS } from "../../platform/billing/creator-plans";
import type { Env } from "../../platform/env";
import type { AppObject } from "../../platform/object/app-object";
import { collectUnusedAssets } from "../../platform/publish/storage";
import { purgeApp, resumePurges } from "../../platform/worker/app-purge";
import { appStub } from "../../platform/worker/stubs";
import { appOrigin, Client, json } from "../helpers/client";
import { createApp, HOME, homeSaying, publish, putFiles, signedInCreator } from "../integration/apps-helpers";
import { appMetadata, deliverEvent, nowSec, subscriptionEvent } from "../integration/billing-helpers";
import { errorOf, latestToken, PASSWORD } from "./helpers/app";

/**
 * T46: deleting an app and releasing its slug. Everything the app had goes (both Durable Objects,
 * every R2 object, its versions), the slug is held from other creators for 30 days, and an app
 * that later gets the slug inherits no session, link, cookie or stored data of the old one.
 * Also: assets no version uses are collected, and the creator's storage allowance holds at publish.
 */

// 1×1 PNG: the files route sniffs the bytes.
const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (ch) => ch.charCodeAt(0),
);

async function objectsUnder(appId: string): Promise<string[]> {
  const page = await env.BUCKET.list({ prefix: r2Keys.root(appId), limit: 1000 });
  return page.objects.map((o) => o.key).sort();
}

async function tablesOf(appId: string, copy: "live" | "preview"): Promise<number> {
  return runInDurableObject(appStub(env, appId, { copy }), (_o: AppObject, state) => {
    const names = state.storage.sql
      .exec<{ name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'sessions', 'files', 'documents', 'outbox')",
      )
      .toArray();
    let rows = 0;
    for (const { name } of names)
      rows += state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${name}`).one().n;
    return rows;
  });
}

const confirmDelete = (c: Client, slug: string, confirm: string): Promise<Response> =>
  c.fetch(`/api/apps/${slug}`, { method: "DELETE", json: { confirm } });

/** An app with two versions, a live user with a session, an upload and a pending reset link, and a preview user. */
async function populatedApp(label: string) {
  const creator = await signedInCreator(label);
  const slug = `${label}-${crypto.randomUUID().slice(0, 6)}`;
  const app = await createApp(creator, slug);
  expect((await putFiles(creator, slug, { [HOME]: homeSaying("First") })).status).toBe(200);
  expect((await publish(creator, slug)).status).toBe(201);
  expect((await putFiles(creator, slug, { [HOME]: homeSaying("Second") })).status).toBe(200);
  expect((await publish(creator, slug)).status).toBe(201);
  const visitor = new Client(appOrigin(slug));
  const signup = await visitor.post("/_api/auth/signup", { email: "visitor@example.com", password: PASSWORD });
  expect(signup.status).toBe(201);
  const userId = (await json<{ user: { id: string } }>(signup)).user.id;
  const form = new FormData();
  form.append("file", new File([PNG], "dot.png", { type: "image/png" }));
  const upload = await visitor.fetch("/_api/files", { method: "POST", body: form });
  expect(upload.status).toBe(201);
  const fileId = (await json<{ file: { id: string } }>(upload)).file.id;
  await visitor.post("/_api/auth/reset/request", { email: "visitor@example.com" });
  const resetToken = (await latestToken(
    { slug, appId: app.id, origin: appOrigin(slug), client: () => new Client(appOrigin(slug)) },
    "visitor@example.com",
    "reset",
  ))!;
  expect(
    (
      await creator.post(`/api/apps/${slug}/preview/_api/auth/signup`, {
        email: "tester@example.com",
        password: PASSWORD,
      })
    ).status,
  ).toBe(201);
  return { creator, slug, appId: app.id, visitor, userId, fileId, resetToken };
}

describe("T46 deleting an app", () => {
  it("needs the typed confirmation and the owner; then everything it had is gone and the origin says so", async () => {
    const a = await populatedApp("gone");
    expect((await tablesOf(a.appId, "live")) > 0).toBe(true);
    expect((await tablesOf(a.appId, "preview")) > 0).toBe(true);
    expect((await objectsUnder(a.appId)).some((k) => k.includes("/files/"))).toBe(true);

    const mallory = await signedInCreator("mallory");
    expect((await confirmDelete(mallory, a.slug, a.slug)).status).toBe(404);
    const missing = await a.creator.fetch(`/api/apps/${a.slug}`, { method: "DELETE" });
    expect(missing.status).toBe(415);
    const wrong = await confirmDelete(a.creator, a.slug, "something-else");
    expect(wrong.status).toBe(400);
    expect((await errorOf(wrong)).code).toBe("confirm_mismatch");
    expect((await a.creator.get(`/api/apps/${a.slug}`)).status).toBe(200);

    const before = Date.now();
    const res = await confirmDelete(a.creator, a.slug, a.slug);
    expect(res.status).toBe(200);
    const { deleted } = await json<{ deleted: { slug: string; heldUntil: number; purged: boolean } }>(res);
    expect(deleted.slug).toBe(a.slug);
    expect(deleted.purged).toBe(true);
    expect(deleted.heldUntil).toBeGreaterThanOrEqual(before + SLUG_HOLD_MS);

    expect((await a.creator.get(`/api/apps/${a.slug}`)).status).toBe(404);
    expect((await json<{ apps: unknown[] }>(await a.creator.get("/api/apps"))).apps).toEqual([]);
    expect(await objectsUnder(a.appId)).toEqual([]);
    expect(await tablesOf(a.appId, "live")).toBe(0);
    expect(await tablesOf(a.appId, "preview")).toBe(0);
    expect(
      (
        await env.DB.prepare("SELECT COUNT(*) AS n FROM app_versions WHERE app_id = ?")
          .bind(a.appId)
          .first<{ n: number }>()
      )?.n,
    ).toBe(0);

    const page = await new Client(appOrigin(a.slug)).get("/");
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("This app was removed");
    expect((await a.visitor.get("/_api/auth/me")).status).toBe(410);
    // Stripe still knows the old app id: its events route nowhere.
    const event = await deliverEvent(
      subscriptionEvent({
        type: "customer.subscription.created",
        subscriptionId: "sub_gone",
        created: nowSec(),
        status: "active",
        metadata: appMetadata(a.appId, a.userId),
      }),
    );
    expect(await json(event)).toMatchObject({ outcome: "ignored", reason: "unknown_app" });
  });

  it("holds the slug from other creators for 30 days; its owner may take it back", async () => {
    const owner = await signedInCreator("holder");
    const slug = `held-${crypto.randomUUID().slice(0, 6)}`;
    await createApp(owner, slug);
    expect((await confirmDelete(owner, slug, slug)).status).toBe(200);
    const other = await signedInCreator("taker");
    const taken = await other.post("/api/apps", { slug, template: "sandlot-publish" });
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).code).toBe("slug_held");
    expect((await owner.post("/api/apps", { slug, template: "sandlot-publish" })).status).toBe(201);
  });

  it("after the hold a new app on the slug inherits nothing: no session, no reset link, no file, no stored data", async () => {
    const a = await populatedApp("reuse");
    const oldCookie = a.visitor.cookie("sandlot_app_session")!;
    expect((await confirmDelete(a.creator, a.slug, a.slug)).status).toBe(200);
    // The 30 days pass.
    await env.DB.prepare("UPDATE app_deletions SET held_until = ? WHERE slug = ?")
      .bind(Date.now() - 1, a.slug)
      .run();
    const heir = await signedInCreator("heir");
    const fresh = await createApp(heir, a.slug);
    expect(fresh.id).not.toBe(a.appId);
    expect((await putFiles(heir, a.slug, { [HOME]: homeSaying("New owner") })).status).toBe(200);
    expect((await publish(heir, a.slug)).status).toBe(201);

    const browser = new Client(appOrigin(a.slug));
    browser.setCookie("sandlot_app_session", oldCookie);
    expect((await browser.get("/_api/auth/me")).status).toBe(401);
    expect(
      (await browser.post("/_api/auth/reset", { token: a.resetToken, password: "taken-over-password" })).status,
    ).toBe(400);
    expect((await browser.get(`/_api/files/${a.fileId}`)).status).toBe(404);
    expect((await browser.post("/_api/auth/login", { email: "visitor@example.com", password: PASSWORD })).status).toBe(
      401,
    );

    // The browser is told to drop the old app's cookies, storage and cache, once.
    const first = await browser.get("/");
    expect(first.status).toBe(200);
    expect(first.headers.get("clear-site-data")).toBe('"cache", "cookies", "storage"');
    expect(browser.cookie("sandlot_site")).toBe(fresh.id);
    const second = await browser.get("/");
    expect(second.headers.get("clear-site-data")).toBeNull();
    // An app whose slug was never used before sends no such header.
    const plain = await signedInCreator("plain");
    const plainSlug = `plain-${crypto.randomUUID().slice(0, 6)}`;
    await createApp(plain, plainSlug);
    await putFiles(plain, plainSlug, { [HOME]: homeSaying("Plain") });
    await publish(plain, plainSlug);
    expect((await new Client(appOrigin(plainSlug)).get("/")).headers.get("clear-site-data")).toBeNull();
  });

  it("a purge that fails part way is recorded and finished by the scheduled run", async () => {
    const a = await populatedApp("retry");
    const app = {
      id: a.appId,
      slug: a.slug,
      creatorId: (await json<{ creator: { id: string } }>(await a.creator.get("/api/auth/me"))).creator.id,
    };
    await releaseApp(env.DB, app, Date.now());
    const broken = {
      ...(env as unknown as Env),
      BUCKET: { list: () => Promise.reject(new Error("R2 is down")) } as unknown as R2Bucket,
    };
    expect(await purgeApp(broken, a.appId, Date.now())).toEqual({ ok: false, error: "R2 is down" });
    expect(
      await env.DB.prepare("SELECT completed_at, last_error FROM app_deletions WHERE app_id = ?").bind(a.appId).first(),
    ).toEqual({ completed_at: null, last_error: "R2 is down" });
    expect((await objectsUnder(a.appId)).length).toBeGreaterThan(0);
    expect(await resumePurges(env as unknown as Env, Date.now())).toBeGreaterThanOrEqual(1);
    expect(await objectsUnder(a.appId)).toEqual([]);
    expect(
      (
        await env.DB.prepare("SELECT completed_at FROM app_deletions WHERE app_id = ?")
          .bind(a.appId)
          .first<{ completed_at: number | null }>()
      )?.completed_at,
    ).toEqual(expect.any(Number));
  });
});

describe("T46 storage: unused assets are collected, the allowance holds at publish", () => {
  it("an asset no version uses is deleted once it is old enough; the ones versions use stay and are served", async () => {
    const creator = await signedInCreator("collector");
    const slug = `gc-${crypto.randomUUID().slice(0, 6)}`;
    const app = await createApp(creator, slug);
    await putFiles(creator, slug, { [HOME]: homeSaying("Kept") });
    expect((await publish(creator, slug)).status).toBe(201);
    const orphan = r2Keys.asset(app.id, "app-ORPHAN00.js");
    await env.BUCKET.put(orphan, "console.log('from a publish that never committed')");
    const used = (await objectsUnder(app.id)).filter((k) => k.includes("/assets/") && k !== orphan);
    expect(used.length).toBeGreaterThan(0);
    // Too young: a publish may still be in flight.
    expect(await collectUnusedAssets(env, app.id, { now: Date.now() })).toBe(0);
    expect(await collectUnusedAssets(env, app.id, { now: Date.now() + 2 * 60 * 60 * 1000 })).toBe(1);
    const after = await objectsUnder(app.id);
    expect(after).not.toContain(orphan);
    for (const k of used) expect(after).toContain(k);
    const html = await (await new Client(appOrigin(slug)).get("/")).text();
    const script = /src="(\/assets\/app-[^"]+\.js)"/.exec(html)![1]!;
    expect((await new Client(appOrigin(slug)).get(script)).status).toBe(200);
  });

  it("a publish that would pass the creator's allowance is 413 storage_full and writes nothing; the stored bytes are measured", async () => {
    const creator = await signedInCreator("full");
    const slug = `full-${crypto.randomUUID().slice(0, 6)}`;
    const app = await createApp(creator, slug);
    await putFiles(creator, slug, { [HOME]: homeSaying("Big") });
    expect((await publish(creator, slug)).status).toBe(201);
    const stored = await env.DB.prepare("SELECT stored_bytes FROM apps WHERE id = ?")
      .bind(app.id)
      .first<{ stored_bytes: number }>();
    const listed = (await env.BUCKET.list({ prefix: r2Keys.root(app.id), limit: 1000 })).objects
      .filter((o) => !o.key.includes("/files/"))
      .reduce((n, o) => n + o.size, 0);
    expect(stored?.stored_bytes).toBe(listed);

    // Another app of the same creator is nearly the whole free allowance.
    const other = await createApp(creator, `${slug}-b`);
    await env.DB.prepare("UPDATE apps SET stored_bytes = ? WHERE id = ?")
      .bind(CREATOR_PLANS.free.allowance.storageBytes - 100, other.id)
      .run();
    await putFiles(creator, slug, { [HOME]: homeSaying("Bigger now") });
    const before = await objectsUnder(app.id);
    const res = await publish(creator, slug);
    expect(res.status).toBe(413);
    const err = await errorOf(res);
    expect(err.code).toBe("storage_full");
    expect(err.message).toMatch(/your plan allows/);
    expect(await objectsUnder(app.id)).toEqual(before);
    expect(
      (await json<{ versions: unknown[] }>(await creator.get(`/api/apps/${slug}/versions`))).versions,
    ).toHaveLength(1);
    await env.DB.prepare("UPDATE apps SET stored_bytes = 0 WHERE id = ?").bind(other.id).run();
    expect((await publish(creator, slug)).status).toBe(201);
  });
});
