import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { json, STUDIO_ORIGIN, Client } from "../helpers/client";
import { makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

let appA: TestApp;
let appB: TestApp;
let alice: TestUser; // on A
let mallory: TestUser; // on A too: her valid session is what she would plant
let noteId: string;

beforeAll(async () => {
  appA = await makeApp("iso-a");
  appB = await makeApp("iso-b");
  [alice, mallory] = await Promise.all([signUp(appA, "alice@example.com"), signUp(appA, "mallory@example.com")]);
  noteId = (await json<{ item: { id: string } }>(await alice.client.post("/_api/collections/notes", { title: "a" })))
    .item.id;
});

describe("T13 app B's frontend calling app A", () => {
  it("a session minted on A is meaningless on B", async () => {
    const onB = appB.client();
    onB.setCookie("sandlot_app_session", alice.client.cookie("sandlot_app_session")!);
    expect((await onB.get("/_api/auth/me")).status).toBe(401);
    expect((await onB.get(`/_api/collections/notes/${noteId}`)).status).toBe(401);
  });
  it("preflights get no CORS grant and no response carries Access-Control-*", async () => {
    const pre = await exports.default.fetch(
      new Request(`${appA.origin}/_api/collections/notes`, {
        method: "OPTIONS",
        headers: {
          origin: appB.origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      }),
    );
    expect([...pre.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
    const get = await alice.client.get("/_api/collections/notes", {
      headers: { origin: appB.origin, "sec-fetch-site": "same-site" },
    });
    expect([...get.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
  });
  it("unsafe cross-site requests are refused before any handler (T24)", async () => {
    const res = await alice.client.post(
      "/_api/collections/notes",
      { title: "csrf" },
      { headers: { "sec-fetch-site": "same-site", origin: appB.origin } },
    );
    expect(res.status).toBe(403);
    const list = await json<{ items: unknown[] }>(await alice.client.get("/_api/collections/notes"));
    expect(list.items).toHaveLength(1);
  });
  it("session cookies are host-only and HttpOnly (T23)", async () => {
    const c = appA.client();
    const res = await c.post("/_api/auth/login", {
      email: "alice@example.com",
      password: "correct-horse-battery-staple",
    });
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith("sandlot_app_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

describe("T14 a cookie planted for the parent domain", () => {
  const withCookies = (app: TestApp, ...values: string[]): Client => {
    const c = app.client();
    return Object.assign(c, {
      fetch: (path: string, init: RequestInit = {}) =>
        Client.prototype.fetch.call(c, path, {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            cookie: values.map((v) => `sandlot_app_session=${v}`).join("; "),
          },
        }),
    });
  };
  it("another user's valid session next to the victim's authenticates nobody, in either order", async () => {
    const victim = alice.client.cookie("sandlot_app_session")!;
    const planted = mallory.client.cookie("sandlot_app_session")!;
    for (const order of [
      [victim, planted],
      [planted, victim],
    ]) {
      const res = await withCookies(appA, ...order).get("/_api/auth/me");
      expect(res.status).toBe(401);
    }
  });
  it("a garbage or foreign-app cookie next to the victim's does not shadow it", async () => {
    const victim = alice.client.cookie("sandlot_app_session")!;
    const onB = await signUp(appB, "bob@example.com");
    for (const junk of ["garbage", `${"a".repeat(32)}.${"b".repeat(32)}`, onB.client.cookie("sandlot_app_session")!]) {
      const res = await withCookies(appA, junk, victim).get("/_api/auth/me");
      expect(res.status).toBe(200);
      expect((await json<{ user: { id: string } }>(res)).user.id).toBe(alice.id);
    }
  });
  it("only invalid cookies → 401", async () => {
    expect((await withCookies(appA, "x", "y.z").get("/_api/auth/me")).status).toBe(401);
  });
});

describe("T15 studio credentials and app ids on an app host", () => {
  it("a studio bearer token or studio cookie does not authenticate on an app", async () => {
    const studio = new Client(STUDIO_ORIGIN);
    const signup = await studio.post("/api/auth/signup", {
      email: "creator@example.com",
      password: "correct-horse-battery-staple",
    });
    expect(signup.status).toBe(201);
    const tokenRes = await studio.post("/api/tokens", { name: "cli" });
    const token = (await json<{ token: string }>(tokenRes)).token;
    const c = appA.client();
    expect((await c.get("/_api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    c.setCookie("sandlot_session", studio.cookie("sandlot_session")!);
    expect((await c.get("/_api/auth/me")).status).toBe(401);
  });
  it("identity headers from the client are ignored: the tenant comes from Host only (T47)", async () => {
    const spoof = JSON.stringify({
      id: appB.appId,
      slug: appB.slug,
      templateId: "sandlot-test",
      creatorId: "x",
      origin: appB.origin,
    });
    const res = await alice.client.get("/_api/auth/me", {
      headers: { "x-sandlot-app": spoof, "x-forwarded-host": `${appB.slug}.localhost:8787` },
    });
    expect(res.status).toBe(200);
    expect((await json<{ user: { id: string } }>(res)).user.id).toBe(alice.id);
  });
});
