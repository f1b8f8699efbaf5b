import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { appOauthProviders } from "../../platform/db/d1-schema";
import { oauthIdentities, users } from "../../platform/db/do-schema";
import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import type { Env } from "../../platform/env";
import { manifestSchema } from "../../platform/manifest/schema";
import { getTemplate } from "../../platform/templates/registry";
import { appStub } from "../../platform/worker/stubs";
import { inObject, makeApp, PASSWORD, signUp } from "../attacks/helpers/app";
import { appOrigin, Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { createApp, signedInCreator } from "./apps-helpers";
import { enableProvider, LOCAL_CLIENTS, oauthClient, signInWith } from "./oauth-helpers";

interface ProvidersBody {
  providers: Array<{
    provider: string;
    name: string;
    enabled: boolean;
    clientId: string;
    secretSet: boolean;
    redirectUri: string;
  }>;
  available: boolean;
}

const me = async (c: Client): Promise<{ user: { id: string; email: string; emailVerified: boolean } }> => {
  const res = await c.get("/_api/auth/me");
  expect(res.status).toBe(200);
  return json(res);
};

describe("studio settings: sign in with Google and GitHub", () => {
  it("shows the exact redirect URIs, stores the secret sealed and never returns it", async () => {
    const creator = await signedInCreator("oauth");
    const app = await createApp(creator, "oauth-settings");
    const first = await json<ProvidersBody>(await creator.get(`/api/apps/${app.slug}/oauth`));
    expect(first.available).toBe(true);
    expect(first.providers.map((p) => [p.provider, p.enabled, p.secretSet, p.redirectUri])).toEqual([
      ["google", false, false, `${appOrigin(app.slug)}/_api/auth/oauth/google/callback`],
      ["github", false, false, `${appOrigin(app.slug)}/_api/auth/oauth/github/callback`],
    ]);

    const noSecret = await creator.put(`/api/apps/${app.slug}/oauth/google`, { enabled: true, clientId: "abc" });
    expect(noSecret.status).toBe(400);
    expect((await json<{ error: { code: string } }>(noSecret)).error.code).toBe("secret_required");

    const secret = "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alue";
    const saved = await creator.put(`/api/apps/${app.slug}/oauth/google`, {
      enabled: true,
      clientId: "abc.apps.example",
      clientSecret: secret,
    });
    expect(saved.status).toBe(200);
    const savedText = await saved.clone().text();
    expect(savedText).not.toContain(secret);
    const google = (await json<ProvidersBody>(saved)).providers.find((p) => p.provider === "google")!;
    expect(google).toMatchObject({ enabled: true, clientId: "abc.apps.example", secretSet: true });

    // At rest: sealed, not the secret, not base64 of it.
    const row = await drizzle(env.DB).select().from(appOauthProviders).where(eq(appOauthProviders.appId, app.id)).get();
    expect(row!.secretSealed).toMatch(/^v1\./);
    expect(row!.secretSealed).not.toContain(secret);
    expect(row!.secretSealed).not.toContain(btoa(secret).slice(0, 16));

    // Changing the client id without a secret keeps the stored one; the answer never carries it.
    const again = await creator.put(`/api/apps/${app.slug}/oauth/google`, { enabled: false, clientId: "other" });
    expect(again.status).toBe(200);
    expect(await again.clone().text()).not.toContain(secret);
    expect((await json<ProvidersBody>(again)).providers[0]).toMatchObject({ enabled: false, secretSet: true });

    // Another creator's app answers like a missing one
    const stranger = await signedInCreator("oauth-stranger");
    expect((await stranger.get(`/api/apps/${app.slug}/oauth`)).status).toBe(404);
    expect((await stranger.put(`/api/apps/${app.slug}/oauth/google`, { enabled: false, clientId: "x" })).status).toBe(
      404,
    );
    expect((await new Client(STUDIO_ORIGIN).get(`/api/apps/${app.slug}/oauth`)).status).toBe(401);
    expect((await creator.put(`/api/apps/${app.slug}/oauth/twitter`, { enabled: false, clientId: "x" })).status).toBe(
      404,
    );
    const extra = await creator.put(`/api/apps/${app.slug}/oauth/github`, {
      enabled: false,
      clientId: "x",
      secretSet: true,
    });
    expect(extra.status).toBe(400);
  });
});

describe("sign-in on the app's origin", () => {
  it("lists only enabled providers, without ids or secrets", async () => {
    const app = await makeApp("oauth-list");
    const before = await json<{ providers: unknown[] }>(await app.client().get("/_api/auth/providers"));
    expect(before.providers).toEqual([]);
    await enableProvider(app.appId, "github");
    const res = await app.client().get("/_api/auth/providers");
    const text = await res.clone().text();
    expect(await json(res)).toEqual({ providers: [{ id: "github", name: "GitHub" }] });
    expect(text).not.toContain(LOCAL_CLIENTS.github.clientId);
  });

  it("Google: a new account, verified, signed in with the session cookie password sign-in uses", async () => {
    const app = await makeApp("oauth-google");
    await enableProvider(app.appId, "google");
    const browser = oauthClient(app.origin);
    const start = await browser.get("/_api/auth/oauth/google/start?return=/notes?tab=2", { redirect: "manual" });
    const authorize = new URL(start.headers.get("location")!);
    expect(authorize.pathname).toBe("/google/authorize");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: LOCAL_CLIENTS.google.clientId,
      redirect_uri: `${app.origin}/_api/auth/oauth/google/callback`,
      code_challenge_method: "S256",
      scope: "openid email profile",
    });
    expect(authorize.searchParams.get("state")!.length).toBeGreaterThanOrEqual(32);
    expect(authorize.searchParams.get("nonce")!.length).toBeGreaterThanOrEqual(32);
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const flowCookie = start.headers.getSetCookie().find((l) => l.startsWith("sandlot_oauth="))!;
    expect(flowCookie).toMatch(/HttpOnly/i);
    expect(flowCookie).toMatch(/SameSite=Lax/i);
    expect(flowCookie).not.toMatch(/Domain=/i);
    expect(flowCookie).toMatch(/Max-Age=600/i);

    const res = await signInWith(browser, "google", { email: "Ada@Example.com" }, { returnTo: "/notes?tab=2" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/notes?tab=2");
    const session = res.headers.getSetCookie().find((l) => l.startsWith("sandlot_app_session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//i);
    const who = await me(browser);
    expect(who.user).toMatchObject({ email: "ada@example.com", emailVerified: true });

    // The same Google account again: the same user, and a fresh session replaces the old one.
    const oldToken = browser.cookie("sandlot_app_session");
    expect((await signInWith(browser, "google", { email: "ada@example.com" })).status).toBe(302);
    expect(browser.cookie("sandlot_app_session")).not.toBe(oldToken);
    expect((await me(browser)).user.id).toBe(who.user.id);
    const stale = app.client();
    stale.setCookie("sandlot_app_session", oldToken!);
    expect((await stale.get("/_api/auth/me")).status).toBe(401);

    // The account has no password anyone could guess.
    expect((await app.client().post("/_api/auth/login", { email: "ada@example.com", password: PASSWORD })).status).toBe(
      401,
    );
    // Signing out works like for any session.
    expect((await browser.post("/_api/auth/logout")).status).toBe(204);
    expect((await browser.get("/_api/auth/me")).status).toBe(401);
  });

  it("GitHub: a verified primary email links to the account Google created", async () => {
    const app = await makeApp("oauth-github");
    await enableProvider(app.appId, "google");
    await enableProvider(app.appId, "github");
    const viaGoogle = oauthClient(app.origin);
    expect((await signInWith(viaGoogle, "google", { email: "grace@example.com" })).status).toBe(302);
    const viaGitHub = oauthClient(app.origin);
    const res = await signInWith(viaGitHub, "github", { email: "grace@example.com" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/");
    expect((await me(viaGitHub)).user.id).toBe((await me(viaGoogle)).user.id);
    const links = await inObject(app, (store) => store.db.select().from(oauthIdentities).all());
    expect(links.map((l) => l.provider).sort()).toEqual(["github", "google"]);
  });

  it("a verified provider email links an existing password account and keeps its password", async () => {
    const app = await makeApp("oauth-link");
    await enableProvider(app.appId, "google");
    const alice = await signUp(app, "alice@example.com");
    await inObject(app, (store) =>
      store.db.update(users).set({ emailVerifiedAt: Date.now() }).where(eq(users.id, alice.id)).run(),
    );
    const browser = oauthClient(app.origin);
    expect((await signInWith(browser, "google", { email: "alice@example.com" })).status).toBe(302);
    expect((await me(browser)).user.id).toBe(alice.id);
    // The address was already proven here: her password and her other sessions stay.
    expect((await alice.client.get("/_api/auth/me")).status).toBe(200);
    expect(
      (await app.client().post("/_api/auth/login", { email: "alice@example.com", password: PASSWORD })).status,
    ).toBe(200);
  });

  it("an end user the creator deleted signs in again as a new account, not the deleted one", async () => {
    const app = await makeApp("oauth-deleted");
    await enableProvider(app.appId, "google");
    const browser = oauthClient(app.origin);
    expect((await signInWith(browser, "google", { email: "gone@example.com" })).status).toBe(302);
    const first = (await me(browser)).user.id;
    const manifest = manifestSchema.parse(getTemplate({ ENVIRONMENT: "test" }, "sandlot-test")!.manifest);
    const outcome = await appStub(env as unknown as Env, app.appId).dataDeleteUser({
      appId: app.appId,
      manifest,
      userId: first,
    });
    expect(outcome).toMatchObject({ kind: "deleted" });
    expect(await inObject(app, (s) => s.db.select().from(oauthIdentities).all())).toEqual([]);
    const again = oauthClient(app.origin);
    expect((await signInWith(again, "google", { email: "gone@example.com" })).status).toBe(302);
    expect((await me(again)).user.id).not.toBe(first);
  });

  it("a provider that is not enabled, or unknown, answers a plain 404 page", async () => {
    const app = await makeApp("oauth-off");
    const off = await oauthClient(app.origin).get("/_api/auth/oauth/google/start", { redirect: "manual" });
    expect(off.status).toBe(404);
    expect(await off.text()).toContain("does not offer that way of signing in");
    const unknown = await oauthClient(app.origin).get("/_api/auth/oauth/twitter/start", { redirect: "manual" });
    expect(unknown.status).toBe(404);
  });

  it("cancelling on the provider's page signs nobody in", async () => {
    const app = await makeApp("oauth-cancel");
    await enableProvider(app.appId, "github");
    const browser = oauthClient(app.origin);
    const { throughConsent, visitCallback } = await import("./oauth-helpers");
    const round = await throughConsent(browser, "github", { email: "x@example.com" }, { decision: "deny" });
    const res = await visitCallback(browser, round.callbackUrl);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Sign-in cancelled");
    expect(browser.cookie("sandlot_app_session")).toBeUndefined();
  });

  it("start and callback count against the auth rate limiter", async () => {
    const app = await makeApp("oauth-limit");
    await enableProvider(app.appId, "google");
    const keys: string[] = [];
    const limiter = {
      limit: async ({ key }: { key: string }) => {
        keys.push(key);
        return { success: false };
      },
    } as unknown as RateLimit;
    const browser = oauthClient(app.origin, { AUTH_LIMITER: limiter });
    const start = await browser.get("/_api/auth/oauth/google/start", { redirect: "manual" });
    expect(start.status).toBe(429);
    const callback = await browser.get("/_api/auth/oauth/google/callback?state=x&code=y", { redirect: "manual" });
    expect(callback.status).toBe(429);
    // The provider list is a plain read, not counted.
    expect((await browser.get("/_api/auth/providers")).status).toBe(200);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toContain("app:oauth-limit");
  });
});

describe("the app's OpenAPI document", () => {
  it("describes the provider list and the two browser routes", async () => {
    const app = await makeApp("oauth-openapi");
    const doc = await json<{ paths: Record<string, Record<string, { parameters?: Array<{ name: string }> }>> }>(
      await app.client().get("/_api/openapi.json"),
    );
    expect(doc.paths["/_api/auth/providers"]?.get).toBeDefined();
    const start = doc.paths["/_api/auth/oauth/{provider}/start"]?.get;
    expect(start?.parameters?.map((p) => p.name)).toEqual(["provider", "return"]);
    expect(doc.paths["/_api/auth/oauth/{provider}/callback"]?.get).toBeDefined();
  });
});

describe("provider endpoints", () => {
  it("the local provider URL is honoured only in development and test", async () => {
    const { endpointsFor } = await import("../../platform/oauth/endpoints");
    const local = "http://127.0.0.1:9";
    expect(endpointsFor({ ENVIRONMENT: "test", OAUTH_DEV_PROVIDER_URL: local }, "google").token).toBe(
      `${local}/google/token`,
    );
    for (const ENVIRONMENT of ["production", "staging", undefined]) {
      const google = endpointsFor({ ENVIRONMENT, OAUTH_DEV_PROVIDER_URL: local }, "google");
      const github = endpointsFor({ ENVIRONMENT, OAUTH_DEV_PROVIDER_URL: local }, "github");
      expect(google.token).toBe("https://oauth2.googleapis.com/token");
      expect(google.jwks).toBe("https://www.googleapis.com/oauth2/v3/certs");
      expect(google.issuers).toEqual(["https://accounts.google.com", "accounts.google.com"]);
      expect(github.token).toBe("https://github.com/login/oauth/access_token");
      expect(github.emails).toBe("https://api.github.com/user/emails");
    }
  });

  it("in production, start goes to Google itself with a __Host- flow cookie and an https redirect URI", async () => {
    const app = await makeApp("oauth-prod");
    await enableProvider(app.appId, "google");
    const browser = oauthClient(app.origin, { ENVIRONMENT: "production" });
    const start = await browser.get("/_api/auth/oauth/google/start", { redirect: "manual" });
    expect(start.status).toBe(302);
    const to = new URL(start.headers.get("location")!);
    expect(to.origin).toBe("https://accounts.google.com");
    expect(to.searchParams.get("redirect_uri")).toBe(
      "https://oauth-prod.localhost:8787/_api/auth/oauth/google/callback",
    );
    const cookie = start.headers.getSetCookie().find((l) => l.startsWith("__Host-sandlot_oauth="))!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });
});
