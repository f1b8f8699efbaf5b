import { beforeEach, describe, expect, it } from "vitest";
import { appStore, ensureAppLoaded, resetAppForTests } from "./app";
import { authStore, resetAuthForTests, resetPassword, verifyEmail } from "./auth";
import { readEmailLink, setEmailLinkForTests, takeEmailLink } from "./links";
import { fakeTransport, type FakeTransport } from "./testing";
import { configureSdk } from "./transport";

const TOKEN = `${"a".repeat(32)}.${"b".repeat(32)}`;
let t: FakeTransport;

beforeEach(() => {
  resetAuthForTests();
  resetAppForTests();
  t = fakeTransport();
  configureSdk({ transport: t });
});

describe("mail links", () => {
  it("reads #sandlot_verify= and #sandlot_reset= and nothing else", () => {
    expect(readEmailLink(`#sandlot_verify=${TOKEN}`)).toEqual({ kind: "verify", token: TOKEN });
    expect(readEmailLink(`#sandlot_reset=${TOKEN}`)).toEqual({ kind: "reset", token: TOKEN });
    expect(readEmailLink("#/account")).toBeNull();
    expect(readEmailLink(`#sandlot_verify=${TOKEN}&x=1`)).toBeNull();
    expect(readEmailLink("#sandlot_reset=short")).toBeNull();
  });

  it("takeEmailLink hands the link out once", () => {
    setEmailLinkForTests(`#sandlot_verify=${TOKEN}`);
    expect(takeEmailLink()).toEqual({ kind: "verify", token: TOKEN });
    expect(takeEmailLink()).toBeNull();
  });

  it("verifyEmail posts the token, then re-reads the user", async () => {
    t.on("POST", "/_api/auth/verify", { status: 200, body: { user: { id: "u1", email: "a@x.test" } } });
    t.on("GET", "/_api/auth/me", {
      status: 200,
      body: { user: { id: "u1", email: "a@x.test", emailVerified: true }, entitlements: { plans: [], grants: [] } },
    });
    await verifyEmail(TOKEN);
    expect(t.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /_api/auth/verify", "GET /_api/auth/me"]);
    expect(t.calls[0]?.body).toEqual({ token: TOKEN });
    expect(authStore.get().user?.emailVerified).toBe(true);
  });

  it("a used link rejects with the server's code, for the page to explain", async () => {
    t.on("POST", "/_api/auth/verify", { status: 410, body: { error: { code: "token_used", message: "Used." } } });
    await expect(verifyEmail(TOKEN)).rejects.toMatchObject({ code: "token_used", status: 410 });
  });

  it("resetPassword posts token and password and leaves the page signed out", async () => {
    t.on("POST", "/_api/auth/reset", { status: 200, body: { ok: true } });
    await resetPassword({ token: TOKEN, password: "a new long passphrase" });
    expect(t.calls[0]?.body).toEqual({ token: TOKEN, password: "a new long passphrase" });
    expect(authStore.get()).toMatchObject({ user: null, loading: false });
  });
});

describe("useApp's store", () => {
  it("reads GET /_api/app once", async () => {
    t.on("GET", "/_api/app", { status: 200, body: { app: { name: "TaskNest for Teams", slug: "tasknest" } } });
    await Promise.all([ensureAppLoaded(), ensureAppLoaded()]);
    expect(appStore.get()).toEqual({ name: "TaskNest for Teams", slug: "tasknest", loading: false });
    expect(t.calls.filter((c) => c.path === "/_api/app")).toHaveLength(1);
  });

  it("a failed read leaves the name empty for the template's own words", async () => {
    t.on("GET", "/_api/app", { status: 500, body: null });
    await ensureAppLoaded();
    expect(appStore.get()).toEqual({ name: "", slug: "", loading: false });
  });
});
