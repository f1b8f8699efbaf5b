import { beforeEach, describe, expect, it } from "vitest";
import { authStore, ensureUserLoaded, parseEntitlements, resetAuthForTests, signIn, signOut, signUp } from "./auth";
import { SandlotError } from "./core";
import { hasEntitlement } from "./hooks";
import { fakeTransport, flush, type FakeTransport } from "./testing";
import { configureSdk } from "./transport";

const alice = { id: "u_alice", email: "alice@example.test" };
let t: FakeTransport;

beforeEach(() => {
  resetAuthForTests();
  t = fakeTransport();
  configureSdk({ transport: t });
});

describe("auth store", () => {
  it("starts loading, then reflects GET /_api/auth/me with entitlements", async () => {
    t.on("GET", "/_api/auth/me", {
      status: 200,
      body: { user: alice, entitlements: { plans: ["pro"], grants: ["export"] }, creator: true },
    });
    expect(authStore.get()).toMatchObject({ user: null, loading: true });
    await ensureUserLoaded();
    expect(authStore.get()).toEqual({
      user: alice,
      plans: ["pro"],
      grants: ["export"],
      creator: true,
      loading: false,
      error: null,
    });
  });

  it("treats 401 from /me as signed out, not as an error", async () => {
    t.on("GET", "/_api/auth/me", { status: 401, body: { error: { code: "unauthenticated", message: "no" } } });
    await ensureUserLoaded();
    expect(authStore.get()).toMatchObject({ user: null, loading: false, error: null });
  });

  it("surfaces other /me failures as a SandlotError", async () => {
    t.on("GET", "/_api/auth/me", { status: 500, body: { error: { code: "internal", message: "Try again." } } });
    await ensureUserLoaded();
    const s = authStore.get();
    expect(s.error).toBeInstanceOf(SandlotError);
    expect(s.error).toMatchObject({ code: "internal", status: 500 });
  });

  it("loads /me once however many hooks ask", async () => {
    t.on("GET", "/_api/auth/me", { status: 401, body: null });
    await Promise.all([ensureUserLoaded(), ensureUserLoaded(), ensureUserLoaded()]);
    await ensureUserLoaded();
    expect(t.calls.filter((c) => c.path === "/_api/auth/me")).toHaveLength(1);
  });

  it("signIn posts {email,password} to /_api/auth/login and notifies every subscriber", async () => {
    t.on("POST", "/_api/auth/login", { status: 200, body: { user: alice } });
    t.on("GET", "/_api/auth/me", { status: 200, body: { user: alice, entitlements: { plans: [], grants: [] } } });
    const seen: Array<string | null> = [];
    const offA = authStore.subscribe(() => seen.push(authStore.get().user?.id ?? null));
    const offB = authStore.subscribe(() => seen.push(authStore.get().user?.id ?? null));
    const user = await signIn({ email: alice.email, password: "correct horse" });
    offA();
    offB();
    expect(user).toEqual(alice);
    expect(t.calls[0]).toEqual({
      method: "POST",
      path: "/_api/auth/login",
      body: { email: alice.email, password: "correct horse" },
    });
    expect(seen.filter((x) => x === alice.id).length).toBeGreaterThanOrEqual(2);
    expect(authStore.get().user).toEqual(alice);
  });

  it("signUp posts to /_api/auth/signup", async () => {
    t.on("POST", "/_api/auth/signup", { status: 201, body: { user: alice } });
    t.on("GET", "/_api/auth/me", { status: 200, body: { user: alice, entitlements: {} } });
    await signUp({ email: alice.email, password: "pw-long-enough" });
    expect(t.calls[0]).toMatchObject({ method: "POST", path: "/_api/auth/signup" });
    expect(authStore.get().user).toEqual(alice);
  });

  it("signIn rejects with the server's error and leaves the user signed out", async () => {
    t.on("POST", "/_api/auth/login", {
      status: 401,
      body: { error: { code: "invalid_credentials", message: "Wrong email or password." } },
    });
    await expect(signIn({ email: "x@example.test", password: "nope" })).rejects.toMatchObject({
      code: "invalid_credentials",
      message: "Wrong email or password.",
      status: 401,
    });
    expect(authStore.get().user).toBeNull();
  });

  it("signOut posts /_api/auth/logout and clears user and entitlements", async () => {
    t.on("GET", "/_api/auth/me", { status: 200, body: { user: alice, entitlements: { plans: ["pro"], grants: [] } } });
    t.on("POST", "/_api/auth/logout", { status: 204, body: null });
    await ensureUserLoaded();
    await signOut();
    expect(t.calls.at(-1)).toEqual({ method: "POST", path: "/_api/auth/logout", body: undefined });
    expect(authStore.get()).toMatchObject({ user: null, plans: [], grants: [], loading: false });
  });

  it("a stale /me answer does not overwrite a later sign-out", async () => {
    let release!: () => void;
    t.on(
      "GET",
      "/_api/auth/me",
      () => new Promise((r) => (release = () => r({ status: 200, body: { user: alice, entitlements: {} } }))),
    );
    t.on("POST", "/_api/auth/logout", { status: 204, body: null });
    const loading = ensureUserLoaded();
    await flush();
    await signOut();
    release();
    await loading;
    expect(authStore.get().user).toBeNull();
  });
});

describe("entitlements", () => {
  it("parses {plans, grants}, a bare grant list, and junk", () => {
    expect(parseEntitlements({ plans: ["pro", 3], grants: ["a"] })).toEqual({ plans: ["pro"], grants: ["a"] });
    expect(parseEntitlements(["a", "b"])).toEqual({ plans: [], grants: ["a", "b"] });
    expect(parseEntitlements("pro")).toEqual({ plans: [], grants: [] });
  });

  it("has() matches a plan id or a grant, nothing else", () => {
    const s = { plans: ["pro"], grants: ["export"] };
    expect(hasEntitlement(s, "pro")).toBe(true);
    expect(hasEntitlement(s, "export")).toBe(true);
    expect(hasEntitlement(s, "team")).toBe(false);
  });
});
