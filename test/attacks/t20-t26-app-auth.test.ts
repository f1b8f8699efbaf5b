import { beforeAll, describe, expect, it } from "vitest";
import { json } from "../helpers/client";
import {
  errorOf,
  inObject,
  latestToken,
  makeApp,
  PASSWORD,
  sameAnswer,
  signUp,
  type TestApp,
  type TestUser,
} from "./helpers/app";
import { emailTokens } from "../../platform/db/do-schema";

let app: TestApp;
let bob: TestUser;

beforeAll(async () => {
  app = await makeApp("t20");
  // Alice exists so that her address answers like any other account (T21).
  [, bob] = await Promise.all([signUp(app, "alice@example.com"), signUp(app, "bob@example.com")]);
});

const login = (email: string, password: string) => app.client().post("/_api/auth/login", { email, password });

describe("T21 account enumeration", () => {
  it("unknown email and wrong password get the same 401 body", async () => {
    const [unknown, wrong] = await Promise.all([
      login("nobody@example.com", "whatever-password"),
      login("bob@example.com", "whatever-password"),
    ]);
    expect(unknown.status).toBe(401);
    await sameAnswer(unknown, wrong);
  });
  it("reset request answers identically for known and unknown addresses", async () => {
    const a = await app.client().post("/_api/auth/reset/request", { email: "bob@example.com" });
    const b = await app.client().post("/_api/auth/reset/request", { email: "nobody@example.com" });
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(await a.json()).toEqual(await b.json());
  });
});

describe("T20 brute force", () => {
  it("the 6th failure in a row is 429 even with the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await login("alice@example.com", `wrong-${i}-password`)).status).toBe(401);
    const blocked = await login("alice@example.com", PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBeTruthy();
    // Another account is unaffected.
    expect((await login("bob@example.com", PASSWORD)).status).toBe(200);
  });
});

describe("T22 session fixation", () => {
  it("login issues a fresh session and revokes the presented one", async () => {
    const c = app.client();
    expect((await c.post("/_api/auth/login", { email: "bob@example.com", password: PASSWORD })).status).toBe(200);
    const first = c.cookie("sandlot_app_session")!;
    expect((await c.post("/_api/auth/login", { email: "bob@example.com", password: PASSWORD })).status).toBe(200);
    const second = c.cookie("sandlot_app_session")!;
    expect(second).not.toBe(first);
    const replay = app.client();
    replay.setCookie("sandlot_app_session", first);
    expect((await replay.get("/_api/auth/me")).status).toBe(401);
  });
});

describe("T26 reset and verification tokens", () => {
  it("tokens are stored hashed, never in the clear", async () => {
    const token = await latestToken(app, "alice@example.com", "verify");
    expect(token).toBeTruthy();
    const rows = await inObject(app, (o) => o.db.select().from(emailTokens).all());
    expect(JSON.stringify(rows)).not.toContain(token!.split(".")[1]);
  });
  it("verify works once, then is used", async () => {
    const token = (await latestToken(app, "alice@example.com", "verify"))!;
    const ok = await app.client().post("/_api/auth/verify", { token });
    expect(ok.status).toBe(200);
    expect((await json<{ user: { emailVerified: boolean } }>(ok)).user.emailVerified).toBe(true);
    const again = await app.client().post("/_api/auth/verify", { token });
    expect(again.status).toBe(410);
  });
  it("a verify token is not a reset token", async () => {
    const token = (await latestToken(app, "alice@example.com", "verify"))!;
    expect((await app.client().post("/_api/auth/reset", { token, password: "another-long-password" })).status).toBe(
      400,
    );
  });
  it("guessing a token's secret burns it after 5 tries", async () => {
    await app.client().post("/_api/auth/reset/request", { email: "bob@example.com" });
    const token = (await latestToken(app, "bob@example.com", "reset"))!;
    const [id] = token.split(".");
    for (let i = 0; i < 5; i++) {
      const res = await app
        .client()
        .post("/_api/auth/reset", { token: `${id}.${"a".repeat(31)}${"bcdef"[i]}`, password: "another-long-password" });
      expect(res.status).toBe(400);
    }
    const real = await app.client().post("/_api/auth/reset", { token, password: "another-long-password" });
    expect(real.status).toBe(429);
  });
  it("an expired reset token is 410", async () => {
    await app.client().post("/_api/auth/reset/request", { email: "bob@example.com" });
    const token = (await latestToken(app, "bob@example.com", "reset"))!;
    await inObject(app, (o) =>
      o.db
        .update(emailTokens)
        .set({ expiresAt: Date.now() - 1 })
        .run(),
    );
    const res = await app.client().post("/_api/auth/reset", { token, password: "another-long-password" });
    expect(res.status).toBe(410);
    expect((await errorOf(res)).code).toBe("token_expired");
  });
  it("mail links use the app's configured origin, whatever Host games the request played", async () => {
    const res = await app
      .client()
      .post(
        "/_api/auth/reset/request",
        { email: "bob@example.com" },
        { headers: { "x-forwarded-host": "evil.example", forwarded: "host=evil.example" } },
      );
    expect(res.status).toBe(202);
    const { appStub } = await import("../../platform/worker/stubs");
    const { env } = await import("cloudflare:workers");
    const mails = await appStub(env, app.appId).readOutbox(1);
    expect(mails[0]!.text).toContain(`${app.origin}/#sandlot_reset=`);
    expect(mails[0]!.text).not.toContain("evil");
  });
});

describe("T25 reuse after password reset or change", () => {
  it("a reset ends every session of the user and the new password works", async () => {
    const other = app.client();
    expect((await other.post("/_api/auth/login", { email: "bob@example.com", password: PASSWORD })).status).toBe(200);
    await app.client().post("/_api/auth/reset/request", { email: "bob@example.com" });
    const token = (await latestToken(app, "bob@example.com", "reset"))!;
    const res = await app.client().post("/_api/auth/reset", { token, password: "brand-new-password-1" });
    expect(res.status).toBe(200);
    expect((await bob.client.get("/_api/auth/me")).status).toBe(401);
    expect((await other.get("/_api/auth/me")).status).toBe(401);
    expect((await login("bob@example.com", PASSWORD)).status).toBe(401);
    const fresh = app.client();
    expect(
      (await fresh.post("/_api/auth/login", { email: "bob@example.com", password: "brand-new-password-1" })).status,
    ).toBe(200);
    // The token is single-use.
    expect((await app.client().post("/_api/auth/reset", { token, password: "brand-new-password-2" })).status).toBe(410);
    // A password change ends the other sessions and keeps this one.
    const change = await fresh.post("/_api/auth/password", {
      currentPassword: "brand-new-password-1",
      newPassword: "brand-new-password-3",
    });
    expect(change.status).toBe(200);
    expect((await fresh.get("/_api/auth/me")).status).toBe(200);
  });
});
