import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { appOauthProviders } from "../../platform/db/d1-schema";
import { oauthIdentities, sessions, users } from "../../platform/db/do-schema";
import { providerCredentials } from "../../platform/oauth/config";
import type { Env } from "../../platform/env";
import { json } from "../helpers/client";
import {
  bendNextIdToken,
  enableProvider,
  oauthClient,
  signInWith,
  throughConsent,
  visitCallback,
} from "../integration/oauth-helpers";
import { inObject, makeApp, PASSWORD, signUp, type TestApp } from "./helpers/app";

/**
 * T54: sign in with Google/GitHub cannot be bent into someone else's account. Each attack runs the
 * real flow against the local provider server and checks that nobody was signed in, nothing was
 * linked and nothing was created. And an account registered with someone else's address before
 * they ever signed in is not handed to its registrant.
 */

async function appWith(slug: string): Promise<TestApp> {
  const app = await makeApp(slug);
  await enableProvider(app.appId, "google");
  await enableProvider(app.appId, "github");
  return app;
}

const countUsers = (app: TestApp): Promise<number> => inObject(app, (s) => s.db.select().from(users).all().length);
const countLinks = (app: TestApp): Promise<number> =>
  inObject(app, (s) => s.db.select().from(oauthIdentities).all().length);

function expectRefused(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers.getSetCookie().some((l) => l.startsWith("sandlot_app_session=") && !/Max-Age=0/i.test(l))).toBe(
    false,
  );
}

describe("T54 forged or misplaced state", () => {
  it("a state the app never issued is refused", async () => {
    const app = await appWith("t54-forged");
    const browser = oauthClient(app.origin);
    // A real code from the provider, with a state of the attacker's making.
    const { callbackUrl } = await throughConsent(browser, "google", { email: "eve@example.com" });
    callbackUrl.searchParams.set("state", "forged-state-value-0123456789abcdef");
    const res = await visitCallback(browser, callbackUrl);
    expectRefused(res, 400);
    expect(await res.text()).toContain("Sign-in expired");
    // The flow cookie is cleared either way.
    expect(res.headers.getSetCookie().some((l) => /^sandlot_oauth=;/.test(l) && /Max-Age=0/i.test(l))).toBe(true);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await countUsers(app)).toBe(0);
  });

  it("a callback without state, or with the binding cookie of another browser, is refused", async () => {
    const app = await appWith("t54-binding");
    const attacker = oauthClient(app.origin);
    const { callbackUrl } = await throughConsent(attacker, "google", { email: "mallory@example.com" });
    // Login CSRF: the attacker's own callback URL, opened in the victim's browser.
    const victim = oauthClient(app.origin);
    expectRefused(await visitCallback(victim, callbackUrl), 400);
    // The state is used up by that attempt: the attacker cannot finish it either.
    expectRefused(await visitCallback(attacker, callbackUrl), 400);
    const noState = new URL(callbackUrl);
    noState.searchParams.delete("state");
    expectRefused(await visitCallback(oauthClient(app.origin), noState), 400);
    expect(await countUsers(app)).toBe(0);
  });

  it("a state started for one provider or one app does not finish on another", async () => {
    const app = await appWith("t54-cross-a");
    const other = await appWith("t54-cross-b");
    const browser = oauthClient(app.origin);
    const { callbackUrl } = await throughConsent(browser, "google", { email: "eve@example.com" });
    const asGitHub = new URL(callbackUrl.toString().replace("/oauth/google/", "/oauth/github/"));
    expectRefused(await visitCallback(browser, asGitHub), 400);

    const round = await throughConsent(browser, "google", { email: "eve@example.com" });
    const elsewhere = oauthClient(other.origin);
    elsewhere.setCookie("sandlot_oauth", browser.cookie("sandlot_oauth")!);
    expectRefused(await visitCallback(elsewhere, round.callbackUrl), 400);
    expect(await countUsers(app)).toBe(0);
    expect(await countUsers(other)).toBe(0);
  });

  it("an expired flow is refused", async () => {
    const app = await appWith("t54-expired");
    const browser = oauthClient(app.origin);
    const { callbackUrl } = await throughConsent(browser, "github", { email: "eve@example.com" });
    await env.DB.prepare("UPDATE oauth_flows SET expires_at = ?1 WHERE app_id = ?2")
      .bind(Date.now() - 1, app.appId)
      .run();
    expectRefused(await visitCallback(browser, callbackUrl), 400);
  });
});

describe("T54 replayed code", () => {
  it("the same callback twice signs in once", async () => {
    const app = await appWith("t54-replay");
    const browser = oauthClient(app.origin);
    const { callbackUrl } = await throughConsent(browser, "google", { email: "ada@example.com" });
    const binding = browser.cookie("sandlot_oauth")!;
    expect((await visitCallback(browser, callbackUrl)).status).toBe(302);
    // Even with the flow's own binding cookie back, the state is gone: refused before any code
    // reaches the provider again.
    const again = oauthClient(app.origin);
    again.setCookie("sandlot_oauth", binding);
    const replay = await visitCallback(again, callbackUrl);
    expectRefused(replay, 400);
    expect(await replay.text()).toContain("Sign-in expired");
    // Someone who saw the URL (history, a log) replays it, with or without the cookie.
    const replayer = oauthClient(app.origin);
    replayer.setCookie("sandlot_oauth", "whatever");
    expectRefused(await visitCallback(replayer, callbackUrl), 400);
    expectRefused(await visitCallback(browser, callbackUrl), 400);
    expect(await inObject(app, (s) => s.db.select().from(sessions).all().length)).toBe(1);
  });

  it("a used code under a fresh, valid state is refused by the provider and signs nobody in", async () => {
    const app = await appWith("t54-replay-code");
    const victim = oauthClient(app.origin);
    const first = await throughConsent(victim, "github", { email: "ada@example.com" });
    expect((await visitCallback(victim, first.callbackUrl)).status).toBe(302);
    const attacker = oauthClient(app.origin);
    const fresh = await throughConsent(attacker, "github", { email: "mallory@example.com" });
    fresh.callbackUrl.searchParams.set("code", first.callbackUrl.searchParams.get("code")!);
    const res = await visitCallback(attacker, fresh.callbackUrl);
    expectRefused(res, 400);
    expect(await res.text()).toContain("refused the sign-in");
    expect((await attacker.get("/_api/auth/me")).status).toBe(401);
  });
});

describe("T54 ID tokens the app must not accept", () => {
  const cases: Array<[string, Parameters<typeof bendNextIdToken>[0]]> = [
    ["for another audience", { claims: { aud: "someone-elses-client", azp: "someone-elses-client" } }],
    ["for several audiences, issued to another", { claims: { aud: ["local-google-client", "x"], azp: "x" } }],
    ["from another issuer", { claims: { iss: "https://issuer.example" } }],
    ["expired", { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } }],
    ["with another nonce", { claims: { nonce: "nonce-of-another-flow" } }],
    ["signed by a key not in the JWKS", { signWith: "stray-key" }],
  ];
  for (const [what, bend] of cases) {
    it(`an ID token ${what} is refused`, async () => {
      const app = await appWith(`t54-idt-${cases.findIndex(([w]) => w === what)}`);
      const browser = oauthClient(app.origin);
      const { callbackUrl } = await throughConsent(browser, "google", { email: "ada@example.com" });
      await bendNextIdToken(bend);
      const res = await visitCallback(browser, callbackUrl);
      expectRefused(res, 403);
      expect(await res.text()).toContain("could not be verified");
      expect(await countUsers(app)).toBe(0);
    });
  }
});

describe("T54 unverified provider email", () => {
  it("Google: an unverified address matching an account is refused, not linked", async () => {
    const app = await appWith("t54-unverified-g");
    const alice = await signUp(app, "alice@example.com");
    const attacker = oauthClient(app.origin);
    const res = await signInWith(attacker, "google", { email: "alice@example.com", verified: false });
    expectRefused(res, 403);
    const page = await res.text();
    expect(page).toContain("Email not verified");
    expect(page).toContain("was not linked");
    expect(await countLinks(app)).toBe(0);
    expect((await attacker.get("/_api/auth/me")).status).toBe(401);
    // Alice's own account is untouched.
    expect((await alice.client.get("/_api/auth/me")).status).toBe(200);
    expect(
      (await app.client().post("/_api/auth/login", { email: "alice@example.com", password: PASSWORD })).status,
    ).toBe(200);
  });

  it("GitHub: an unverified primary address matching an account is refused, not linked", async () => {
    const app = await appWith("t54-unverified-gh");
    await signUp(app, "bob@example.com");
    const res = await signInWith(oauthClient(app.origin), "github", { email: "bob@example.com", verified: false });
    expectRefused(res, 403);
    expect(await countLinks(app)).toBe(0);
    expect(await countUsers(app)).toBe(1);
  });

  it("no account is created from an unverified address either", async () => {
    const app = await appWith("t54-unverified-new");
    const res = await signInWith(oauthClient(app.origin), "google", { email: "new@example.com", verified: false });
    expectRefused(res, 403);
    expect(await res.text()).toContain("no account was created");
    expect(await countUsers(app)).toBe(0);
  });

  it("a provider account already linked stays with its user, whatever address it claims later", async () => {
    const app = await appWith("t54-linked");
    const ada = oauthClient(app.origin);
    expect((await signInWith(ada, "google", { email: "ada@example.com", sub: "sub-ada" })).status).toBe(302);
    const adaId = (await json<{ user: { id: string } }>(await ada.get("/_api/auth/me"))).user.id;
    await signUp(app, "carol@example.com");
    // The same Google account now says it is carol's (verified): it signs in as Ada, never Carol.
    const again = oauthClient(app.origin);
    expect((await signInWith(again, "google", { email: "carol@example.com", sub: "sub-ada" })).status).toBe(302);
    expect((await json<{ user: { id: string } }>(await again.get("/_api/auth/me"))).user.id).toBe(adaId);
  });
});

describe("T54 pre-registered address", () => {
  it("linking by a verified address ends the registrant's password and sessions when the address was never proven here", async () => {
    const app = await appWith("t60-prereg");
    // Mallory registers the victim's address first (never verified: she cannot read the mail).
    const mallory = await signUp(app, "victim@example.com");
    const victim = oauthClient(app.origin);
    expect((await signInWith(victim, "google", { email: "victim@example.com" })).status).toBe(302);
    const me = await json<{ user: { id: string; emailVerified: boolean } }>(await victim.get("/_api/auth/me"));
    expect(me.user).toMatchObject({ id: mallory.id, emailVerified: true });
    // Mallory's session and password are gone.
    expect((await mallory.client.get("/_api/auth/me")).status).toBe(401);
    expect(
      (await app.client().post("/_api/auth/login", { email: "victim@example.com", password: PASSWORD })).status,
    ).toBe(401);
  });
});

describe("T54 the client secret", () => {
  it("sealed for one app, it does not open on another", async () => {
    const a = await appWith("t54-seal-a");
    const b = await makeApp("t54-seal-b");
    const orm = drizzle(env.DB);
    const row = await orm.select().from(appOauthProviders).where(eq(appOauthProviders.appId, a.appId)).all();
    const google = row.find((r) => r.provider === "google")!;
    await orm.insert(appOauthProviders).values({ ...google, appId: b.appId });
    const key = (env as unknown as Env).OAUTH_SECRETS_KEY;
    expect((await providerCredentials(env.DB, key, a.appId, "google")).ok).toBe(true);
    expect(await providerCredentials(env.DB, key, b.appId, "google")).toEqual({ ok: false, reason: "unreadable" });
    expect(await providerCredentials(env.DB, "another-platform-key-0123456789", a.appId, "google")).toEqual({
      ok: false,
      reason: "unreadable",
    });
  });

  it("return addresses are the app's own paths only (no open redirect)", async () => {
    const app = await appWith("t54-return");
    for (const evil of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "/\t/evil.example"]) {
      const browser = oauthClient(app.origin);
      const res = await signInWith(browser, "github", { email: "ada@example.com" }, { returnTo: evil });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/");
    }
  });
});
