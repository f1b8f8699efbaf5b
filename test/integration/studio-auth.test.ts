import { describe, expect, it } from "vitest";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";

interface ErrorBody {
  error: { code: string; message: string; requestId?: string };
}

const password = "correct horse battery staple";

describe("creator accounts", () => {
  it("signup → me → logout → me 401, over cookies", async () => {
    const c = new Client(STUDIO_ORIGIN);
    const signup = await c.post("/api/auth/signup", { email: "Ada@Example.com", password });
    expect(signup.status).toBe(201);
    const { creator } = await json<{ creator: Record<string, unknown> }>(signup);
    expect(creator.email).toBe("ada@example.com");
    // Response shapes are allow-listed (T04).
    expect(Object.keys(creator).sort()).toEqual(["createdAt", "email", "id", "plan"]);
    const setCookie = signup.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Domain=/i);

    expect((await c.get("/api/auth/me")).status).toBe(200);
    expect((await c.post("/api/auth/logout")).status).toBe(204);
    const me = await c.get("/api/auth/me");
    expect(me.status).toBe(401);
    expect((await json<ErrorBody>(me)).error.code).toBe("unauthorized");
  });

  it("refuses a second account with the same email", async () => {
    const c = new Client(STUDIO_ORIGIN);
    expect((await c.post("/api/auth/signup", { email: "dup@example.com", password })).status).toBe(201);
    const again = await new Client(STUDIO_ORIGIN).post("/api/auth/signup", { email: "DUP@example.com", password });
    expect(again.status).toBe(409);
  });

  it("validates signup input with a clear message", async () => {
    const c = new Client(STUDIO_ORIGIN);
    const short = await c.post("/api/auth/signup", { email: "x@example.com", password: "short" });
    expect(short.status).toBe(400);
    expect((await json<ErrorBody>(short)).error.message).toMatch(/password/);
    const extra = await c.post("/api/auth/signup", { email: "x@example.com", password, plan: "pro" });
    expect(extra.status).toBe(400);
    expect((await json<ErrorBody>(extra)).error.code).toBe("unknown_field");
    expect((await c.get("/api/auth/me")).status).toBe(401);
  });

  it("T21: unknown email and wrong password answer identically", async () => {
    const c = new Client(STUDIO_ORIGIN);
    await c.post("/api/auth/signup", { email: "t21@example.com", password });
    const anon = new Client(STUDIO_ORIGIN);
    const wrong = await anon.post("/api/auth/login", { email: "t21@example.com", password: "not the password" });
    const unknown = await anon.post("/api/auth/login", {
      email: "nobody-t21@example.com",
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await json<ErrorBody>(wrong);
    const b = await json<ErrorBody>(unknown);
    expect({ ...a.error, requestId: undefined }).toEqual({ ...b.error, requestId: undefined });
  });

  it("T20: six quick wrong passwords → 429 with Retry-After, and the right one is refused too", async () => {
    const owner = new Client(STUDIO_ORIGIN);
    await owner.post("/api/auth/signup", { email: "t20@example.com", password });
    const attacker = new Client(STUDIO_ORIGIN);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await attacker.post("/api/auth/login", { email: "t20@example.com", password: `guess-${i}-xxxx` })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await attacker.post("/api/auth/login", { email: "t20@example.com", password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await json<ErrorBody>(locked)).error.code).toBe("too_many_requests");
  });

  it("T22: login issues a fresh session and drops the one presented", async () => {
    const owner = new Client(STUDIO_ORIGIN);
    await owner.post("/api/auth/signup", { email: "t22@example.com", password });
    const planted = owner.cookie("sandlot_session")!;
    const victim = new Client(STUDIO_ORIGIN);
    victim.setCookie("sandlot_session", planted);
    expect((await victim.post("/api/auth/login", { email: "t22@example.com", password })).status).toBe(200);
    expect(victim.cookie("sandlot_session")).not.toBe(planted);
    // The planted token no longer works for anyone.
    expect((await owner.get("/api/auth/me")).status).toBe(401);
    expect((await victim.get("/api/auth/me")).status).toBe(200);
  });

  it("T24: a cross-site POST with a valid cookie is refused and changes nothing", async () => {
    const c = new Client(STUDIO_ORIGIN);
    await c.post("/api/auth/signup", { email: "t24@example.com", password });
    const viaFetchMetadata = await c.post(
      "/api/tokens",
      { name: "evil" },
      { headers: { "sec-fetch-site": "cross-site" } },
    );
    expect(viaFetchMetadata.status).toBe(403);
    expect((await json<ErrorBody>(viaFetchMetadata)).error.code).toBe("cross_site");
    const viaOrigin = await c.fetch("/api/auth/logout", {
      method: "POST",
      headers: { "sec-fetch-site": "", origin: "http://evil.example" },
    });
    expect(viaOrigin.status).toBe(403);
    const tokens = await json<{ tokens: unknown[] }>(await c.get("/api/tokens"));
    expect(tokens.tokens).toHaveLength(0);
    expect((await c.get("/api/auth/me")).status).toBe(200);
  });

  it("a tampered or foreign session token is not a session", async () => {
    const c = new Client(STUDIO_ORIGIN);
    await c.post("/api/auth/signup", { email: "tamper@example.com", password });
    const token = c.cookie("sandlot_session")!;
    const [id] = token.split(".");
    const forged = new Client(STUDIO_ORIGIN);
    forged.setCookie("sandlot_session", `${id}.${"a".repeat(32)}`);
    expect((await forged.get("/api/auth/me")).status).toBe(401);
  });
});

describe("creator API tokens", () => {
  it("are shown once, stored hashed, and authenticate with Bearer", async () => {
    const c = new Client(STUDIO_ORIGIN);
    await c.post("/api/auth/signup", { email: "cli@example.com", password });
    const created = await c.post("/api/tokens", { name: "laptop" });
    expect(created.status).toBe(201);
    const { token, id } = await json<{ token: string; id: string }>(created);
    expect(token).toMatch(/^sl_[a-z2-7]{32}\.[a-z2-7]{32}$/);

    const listed = await json<{ tokens: Array<Record<string, unknown>> }>(await c.get("/api/tokens"));
    expect(listed.tokens).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(token.split(".")[1]);

    const bearer = new Client(STUDIO_ORIGIN);
    const me = await bearer.get("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await json<{ creator: { email: string } }>(me)).creator.email).toBe("cli@example.com");

    expect((await bearer.get("/api/auth/me", { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await c.delete(`/api/tokens/${id}`)).status).toBe(204);
    expect((await bearer.get("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});
