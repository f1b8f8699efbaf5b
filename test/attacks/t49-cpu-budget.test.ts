import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { HASH_BUDGET } from "../../platform/auth/hash-budget";
import { argon2RunCount } from "../../platform/auth/password";
import { clientTag } from "../../platform/http/client-key";
import { UNVERIFIED_SIGNUPS } from "../../platform/object/signup-limit";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { createApp, FIXTURE, signedInCreator } from "../integration/apps-helpers";
import { errorOf, inObject, latestToken, makeApp, PASSWORD, signUp, type TestApp, type TestUser } from "./helpers/app";

/**
 * T49: making the server hash passwords all day. Proven by counting argon2id runs in this
 * isolate (argon2RunCount), never by timing: a refused request must leave the count unchanged,
 * and the accepted control must move it, so the counter is known to see the route's hashing.
 */

let app: TestApp;
let alice: TestUser;

beforeAll(async () => {
  app = await makeApp("cpu");
  alice = await signUp(app, "alice@example.com");
  // The dummy hash unknown addresses are verified against is made once per isolate (T21); make it
  // now so the counts below are the requests' own.
  await app.client().post("/_api/auth/login", { email: "warm-up@example.com", password: "warm-up-password" });
});

const hashesDuring = async (fn: () => Promise<void>): Promise<number> => {
  const before = argon2RunCount();
  await fn();
  return argon2RunCount() - before;
};

/** The body's answer and the argon2 runs it caused. */
const withHashCount = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const before = argon2RunCount();
  const value = await fn();
  return [value, argon2RunCount() - before];
};

const from = (ip: string): RequestInit => ({ headers: { "cf-connecting-ip": ip } });

describe("T49 reset tokens are checked before anything is hashed", () => {
  it("bogus, malformed, wrong-secret, used and expired tokens answer without a hash; a real one hashes once", async () => {
    await app.client().post("/_api/auth/reset/request", { email: "alice@example.com" });
    const real = (await latestToken(app, "alice@example.com", "reset"))!;
    const [id] = real.split(".");
    const bogus = ["not-a-token", `${"a".repeat(32)}.${"b".repeat(32)}`, `${id}.${"c".repeat(32)}`];
    for (const token of bogus) {
      const [res, resHashes] = await withHashCount(() =>
        app.client().post("/_api/auth/reset", { token, password: "a-brand-new-password" }),
      );
      expect(resHashes, token).toBe(0);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_token");
    }
    const [ok, okHashes] = await withHashCount(() =>
      app.client().post("/_api/auth/reset", { token: real, password: "a-brand-new-password" }),
    );
    expect(okHashes).toBe(1);
    expect(ok.status).toBe(200);
    const [used, usedHashes] = await withHashCount(() =>
      app.client().post("/_api/auth/reset", { token: real, password: "another-new-password" }),
    );
    expect(usedHashes).toBe(0);
    expect(used.status).toBe(410);
  });

  it("a reset invalidates every other outstanding reset link, and so does a password change", async () => {
    const bob = await signUp(app, "bob@example.com");
    await app.client().post("/_api/auth/reset/request", { email: "bob@example.com" });
    const link = (await latestToken(app, "bob@example.com", "reset"))!;
    const change = await bob.client.post("/_api/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "bobs-second-password",
    });
    expect(change.status).toBe(200);
    const res = await app.client().post("/_api/auth/reset", { token: link, password: "an-attackers-password" });
    expect(res.status).toBe(410);
    expect((await errorOf(res)).code).toBe("token_used");
  });
});

describe("T49 bursts from one client meet 429, never a 5xx", () => {
  it("30 parallel logins from one address: at most the per-client budget is hashed", async () => {
    const ip = "203.0.113.50";
    let statuses: number[] = [];
    const hashed = await hashesDuring(async () => {
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          app
            .client()
            .post("/_api/auth/login", { email: `nobody-${i}@example.com`, password: "guess-guess-guess" }, from(ip)),
        ),
      );
      statuses = responses.map((r) => r.status);
      for (const r of responses.filter((x) => x.status === 429))
        expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    });
    expect(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(","),
    ).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30 - HASH_BUDGET.perClient);
    expect(hashed).toBeLessThanOrEqual(HASH_BUDGET.perClient);
    // Another client is not locked out by this one.
    expect(
      (
        await alice.client.post(
          "/_api/auth/login",
          { email: "alice@example.com", password: "a-brand-new-password" },
          from("198.51.100.7"),
        )
      ).status,
    ).toBe(200);
  });

  it("25 parallel sign-ups from one address: 429s and 201s only, no more hashes than the budget", async () => {
    const ip = "203.0.113.60";
    let statuses: number[] = [];
    const hashed = await hashesDuring(async () => {
      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          app.client().post("/_api/auth/signup", { email: `flood-${i}@example.com`, password: PASSWORD }, from(ip)),
        ),
      );
      statuses = responses.map((r) => r.status);
    });
    expect(
      statuses.every((s) => s === 201 || s === 429),
      statuses.join(","),
    ).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(HASH_BUDGET.perClient);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25 - HASH_BUDGET.perClient);
    expect(hashed).toBeLessThanOrEqual(HASH_BUDGET.perClient);
  });

  it("unverified sign-ups per client: at the cap the next one is refused before hashing; verifying one frees a place", async () => {
    const ip = "203.0.113.70";
    const tag = clientTag(ip);
    await inObject(app, (store) => {
      for (let i = 0; i < UNVERIFIED_SIGNUPS.perClient; i++) {
        const id = crypto.randomUUID();
        store.sql.exec(
          "INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, 'x', ?)",
          id,
          `pending-${i}@example.com`,
          Date.now(),
        );
        store.sql.exec(
          "INSERT INTO pending_signups (user_id, client_tag, created_at) VALUES (?, ?, ?)",
          id,
          tag,
          Date.now(),
        );
      }
    });
    const [refused, refusedHashes] = await withHashCount(() =>
      app.client().post("/_api/auth/signup", { email: "one-more@example.com", password: PASSWORD }, from(ip)),
    );
    expect(refusedHashes).toBe(0);
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).code).toBe("too_many_signups");
    // Another /64 or address is not affected; confirming an account frees a place for this one.
    expect(
      (
        await app
          .client()
          .post("/_api/auth/signup", { email: "elsewhere@example.com", password: PASSWORD }, from("203.0.113.71"))
      ).status,
    ).toBe(201);
    await inObject(app, (store) =>
      store.sql.exec(
        "DELETE FROM pending_signups WHERE user_id IN (SELECT user_id FROM pending_signups WHERE client_tag = ? LIMIT 1)",
        tag,
      ),
    );
    expect(
      (await app.client().post("/_api/auth/signup", { email: "one-more@example.com", password: PASSWORD }, from(ip)))
        .status,
    ).toBe(201);
  });

  it("the app-wide budget: when the app has hashed its minute's worth, a fresh client gets 429 without a hash", async () => {
    await inObject(app, (store) => {
      store.sql.exec(
        "INSERT OR REPLACE INTO login_throttle (key, attempts, window_start) VALUES ('hash:app:all', ?, ?)",
        HASH_BUDGET.perApp,
        Date.now(),
      );
    });
    const [res, resHashes] = await withHashCount(() =>
      app
        .client()
        .post("/_api/auth/login", { email: "alice@example.com", password: "whatever-password" }, from("192.0.2.200")),
    );
    expect(resHashes).toBe(0);
    expect(res.status).toBe(429);
    expect((await errorOf(res)).message).toMatch(/This app is handling too many sign-ins/);
    await inObject(app, (store) => store.sql.exec("DELETE FROM login_throttle WHERE key = 'hash:app:all'"));
  });

  it("IPv6 clients are one client per /64", async () => {
    await inObject(app, (store) => {
      store.sql.exec(
        "INSERT OR REPLACE INTO login_throttle (key, attempts, window_start) VALUES (?, ?, ?)",
        `hash:app:client:${clientTag("2001:db8:1:2::1")}`,
        HASH_BUDGET.perClient,
        Date.now(),
      );
    });
    const sameNet = await app
      .client()
      .post(
        "/_api/auth/login",
        { email: "alice@example.com", password: "x-wrong-password" },
        from("2001:db8:1:2:ffff::beef"),
      );
    expect(sameNet.status).toBe(429);
    expect((await errorOf(sameNet)).message).toMatch(/from your network/);
    const otherNet = await app
      .client()
      .post("/_api/auth/login", { email: "alice@example.com", password: "x-wrong-password" }, from("2001:db8:1:3::1"));
    expect(otherNet.status).toBe(401);
  });
});

describe("T49 the edge rate limiter stands in front", () => {
  it("app plane: 45 reset requests from one client meet rate_limited (no hash involved at all)", async () => {
    const responses = await Promise.all(
      Array.from({ length: 45 }, () =>
        app.client().post("/_api/auth/reset/request", { email: "alice@example.com" }, from("203.0.113.80")),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(
      statuses.every((s) => s === 202 || s === 429),
      statuses.join(","),
    ).toBe(true);
    // The binding counts in wall-clock minutes: even across a boundary at most 2 × 20 pass.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    const limited = responses.find((r) => r.status === 429)!;
    expect((await errorOf(limited)).code).toBe("rate_limited");
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(
      (await app.client().post("/_api/auth/reset/request", { email: "alice@example.com" }, from("203.0.113.81")))
        .status,
    ).toBe(202);
  });

  it("studio: 45 login attempts from one client meet 429, never a 5xx, and hash at most the budget", async () => {
    const ip = "203.0.113.90";
    let statuses: number[] = [];
    const hashed = await hashesDuring(async () => {
      const responses = await Promise.all(
        Array.from({ length: 45 }, (_, i) =>
          new Client(STUDIO_ORIGIN, { ip }).post("/api/auth/login", {
            email: `who-${i}@example.com`,
            password: "a-guess-a-guess",
          }),
        ),
      );
      statuses = responses.map((r) => r.status);
    });
    expect(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(","),
    ).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(45 - HASH_BUDGET.perClient);
    expect(hashed).toBeLessThanOrEqual(HASH_BUDGET.perClient);
  });

  it("studio: sign-ups per client per hour are capped before hashing", async () => {
    const ip = "203.0.113.91";
    await env.DB.prepare("INSERT OR REPLACE INTO login_throttle (key, attempts, window_start) VALUES (?, 10, ?)")
      .bind(`signup:${clientTag(ip)}`, Date.now())
      .run();
    const [res, resHashes] = await withHashCount(() =>
      new Client(STUDIO_ORIGIN, { ip }).post("/api/auth/signup", {
        email: "capped@example.com",
        password: PASSWORD,
      }),
    );
    expect(resHashes).toBe(0);
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe("too_many_signups");
  });

  it("publish: past the per-creator limit a publish is refused before the build, and no version is made", async () => {
    const creator = await signedInCreator("publisher");
    const slug = `cpu-pub-${crypto.randomUUID().slice(0, 6)}`;
    const made = await createApp(creator, slug, FIXTURE);
    const me = await json<{ creator: { id: string } }>(await creator.get("/api/auth/me"));
    for (let i = 0; i < 10; i++) await env.PUBLISH_LIMITER!.limit({ key: `publish:${me.creator.id}` });
    const res = await creator.post(`/api/apps/${slug}/publish`);
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe("rate_limited");
    const versions = await json<{ versions: unknown[] }>(await creator.get(`/api/apps/${slug}/versions`));
    expect(versions.versions).toEqual([]);
    expect(made.slug).toBe(slug);
  });
});
