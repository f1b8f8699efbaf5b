import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appOrigin } from "../../platform/apps/origin";
import { sessionCookieName } from "../../platform/auth/cookies";
import { hashCostOf } from "../../platform/auth/password";
import { startCheckout } from "../../platform/billing/checkout";
import type { Env } from "../../platform/env";
import { devFeaturesEnabled, environmentOf } from "../../platform/environment";
import worker from "../../platform/index";
import type { AppObject } from "../../platform/object/app-object";
import { appStoreOf } from "../../platform/object/store";
import { getTemplate } from "../../platform/templates/registry";
import { appStub } from "../../platform/worker/stubs";
import { Client, STUDIO_ORIGIN } from "../helpers/client";
import { seedApp } from "../helpers/seed";

/**
 * T51: dev-only features on a deployment whose ENVIRONMENT is anything but exactly `development`
 * or `test`. Each hostile value runs the real Worker with that env; `development` and `test` are
 * the controls that show the same requests do reach the dev features.
 */

/** Values the whole Worker is run with (each costs a sign-up); the decision itself is checked for more. */
const HOSTILE = ["staging", "prod", "", "Production"];
const ALSO_PRODUCTION = ["production", " development", "DEVELOPMENT", "dev", "testing"];
const DEV = ["development", "test"];
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;

const envWith = (value: string | undefined): Env => ({ ...(env as unknown as Env), ENVIRONMENT: value });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("T51 one module decides", () => {
  it.each([...HOSTILE, ...ALSO_PRODUCTION, undefined])("%j is production", (value) => {
    expect(environmentOf({ ENVIRONMENT: value })).toBe("production");
    expect(devFeaturesEnabled({ ENVIRONMENT: value })).toBe(false);
  });
  it.each(DEV)("%j is a dev environment", (value) => {
    expect(environmentOf({ ENVIRONMENT: value })).toBe(value);
    expect(devFeaturesEnabled({ ENVIRONMENT: value })).toBe(true);
  });
  it("an unknown value is logged once, production is not logged", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const typo = `stagign-${crypto.randomUUID()}`;
    for (let i = 0; i < 5; i++) environmentOf({ ENVIRONMENT: typo });
    environmentOf({ ENVIRONMENT: "production" });
    environmentOf({ ENVIRONMENT: "test" });
    expect(warn.mock.calls.filter((call) => String(call[0]).includes(typo))).toHaveLength(1);
    expect(
      warn.mock.calls.filter(
        (call) => String(call[0]).includes('"production"') && String(call[0]).startsWith('ENVIRONMENT is "production"'),
      ),
    ).toHaveLength(0);
  });
});

/** A creator signed up through the Worker running with `e`; the cookie name follows the environment. */
async function creatorIn(e: Env): Promise<{
  call: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  setCookie: string;
  email: string;
}> {
  const ip = new Client(STUDIO_ORIGIN).ip;
  const send = async (
    path: string,
    cookie: string | null,
    init: RequestInit & { json?: unknown } = {},
  ): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set("sec-fetch-site", "same-origin");
    headers.set("cf-connecting-ip", ip);
    if (cookie) headers.set("cookie", cookie);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    return worker.fetch(new Request(new URL(path, STUDIO_ORIGIN), { ...init, headers, body }), e, ctx);
  };
  const email = `t51-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const signup = await send("/api/auth/signup", null, {
    method: "POST",
    json: { email, password: "correct horse battery staple" },
  });
  expect(signup.status).toBe(201);
  const setCookie = signup.headers.get("set-cookie") ?? "";
  const pair = setCookie.split(";")[0]!;
  return { call: (path, init) => send(path, pair, init), setCookie, email };
}

describe.each(HOSTILE)("T51 with ENVIRONMENT=%j every dev feature is off", (value) => {
  const e = envWith(value);

  it("studio: __Host- Secure cookies, no fixture templates, no live outbox, no dev payments, https app URLs", async () => {
    const creator = await creatorIn(e);
    expect(creator.setCookie).toMatch(/^__Host-sandlot_session=/);
    expect(creator.setCookie).toMatch(/;\s*Secure/i);
    const fixture = await creator.call("/api/apps", {
      method: "POST",
      json: { slug: `fx-${crypto.randomUUID().slice(0, 6)}`, template: "sandlot-test" },
    });
    expect(fixture.status).toBe(400);
    expect(((await fixture.json()) as { error: { code: string } }).error.code).toBe("unknown_template");

    const slug = `t51-${crypto.randomUUID().slice(0, 6)}`;
    const created = await creator.call("/api/apps", { method: "POST", json: { slug, template: "booking" } });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { app: { url: string } }).app.url).toBe(`https://${slug}.${env.APPS_DOMAIN}/`);
    const outbox = await creator.call(`/api/apps/${slug}/outbox?copy=live`);
    expect(outbox.status).toBe(403);
    expect(((await outbox.json()) as { error: { code: string } }).error.code).toBe("outbox_disabled");

    const checkout = await creator.call("/api/billing/checkout", { method: "POST", json: { plan: "pro" } });
    expect(checkout.status).toBe(503);
    const connect = await creator.call("/api/billing/connect", { method: "POST" });
    expect(connect.status).toBe(503);
  });

  it("app plane: the dev checkout pages are 404 and checkout refuses the dev provider", async () => {
    const slug = `t51app-${crypto.randomUUID().slice(0, 6)}`;
    const { appId } = await seedApp({ slug, templateId: "booking" });
    const page = await worker.fetch(
      new Request(`http://${slug}.${env.APPS_DOMAIN}/_sandlot/dev-checkout/portal`),
      e,
      ctx,
    );
    expect(page.status).toBe(404);
    expect(((await page.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const manifest = getTemplate(e, "booking")!.manifest;
    const result = await runInDurableObject(appStub(env, appId), (_o: AppObject, state) =>
      startCheckout(
        { env: e, store: appStoreOf(state.storage) },
        {
          app: { id: appId, creatorId: "c", origin: "https://x" },
          user: { id: "u", email: "u@example.com" },
          manifest,
        },
        "pro",
        Date.now(),
      ),
    );
    expect(result).toMatchObject({ ok: false, status: 503, code: "payments_unavailable" });
  });

  it("library gates: fixture templates unresolvable, __Host- cookie name, https origin", () => {
    expect(getTemplate(e, "sandlot-test")).toBeNull();
    expect(sessionCookieName(e, "x")).toBe("__Host-x");
    expect(appOrigin(e, "shop")).toBe(`https://shop.${env.APPS_DOMAIN}`);
  });

  it("passwords are hashed at OWASP's argon2id cost even though the suite asks for the fast one", async () => {
    expect(env.PASSWORD_HASH_COST).toBe("fast-for-tests");
    expect(hashCostOf(e).params).toEqual({ m: 19_456, t: 2, p: 1 });
    const { email } = await creatorIn(e);
    const stored = await env.DB.prepare("SELECT password_hash AS h FROM creators WHERE email = ?")
      .bind(email)
      .first<{ h: string }>();
    expect(stored?.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe.each(DEV)("control: with ENVIRONMENT=%j the same requests reach the dev features", (value) => {
  const e = envWith(value);
  it("plain cookies, fixture templates, the live outbox and the dev creator checkout", async () => {
    const creator = await creatorIn(e);
    expect(creator.setCookie).toMatch(/^sandlot_session=/);
    const slug = `dev-${crypto.randomUUID().slice(0, 6)}`;
    expect((await creator.call("/api/apps", { method: "POST", json: { slug, template: "sandlot-test" } })).status).toBe(
      201,
    );
    expect((await creator.call(`/api/apps/${slug}/outbox?copy=live`)).status).toBe(200);
    expect((await creator.call("/api/billing/connect", { method: "POST" })).status).toBe(200);
    expect(getTemplate(e, "sandlot-test")).not.toBeNull();
    expect(appOrigin(e, "shop")).toBe(`http://shop.${env.APPS_DOMAIN}`);
    // The suite's cheap hashing is honoured here, and only here.
    expect(hashCostOf(e).params).toEqual({ m: 64, t: 1, p: 1 });
    expect(hashCostOf({ ENVIRONMENT: value }).params).toEqual({ m: 19_456, t: 2, p: 1 });
    // The dev portal page exists: signed out, it asks to sign in (HTML), not a JSON 404.
    const page = await worker.fetch(
      new Request(`http://${slug}.${env.APPS_DOMAIN}/_sandlot/dev-checkout/portal`),
      e,
      ctx,
    );
    expect(page.status).toBe(403);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
  });
});
