import { beforeAll, describe, expect, it } from "vitest";
import { makeApp, signUp, type TestApp, type TestUser } from "./helpers/app";

/** I7 / T48: requests per minute per IP (20) and per user (10) from the sandlot-tight fixture. */

let app: TestApp;
let alice: TestUser;

beforeAll(async () => {
  app = await makeApp("tight", "sandlot-tight");
  alice = await signUp(app, "alice@example.com");
});

const ip = (addr: string): RequestInit => ({ headers: { "cf-connecting-ip": addr } });

describe("I7 requests per minute", () => {
  it("per IP: 20 pass, then 429 with Retry-After; another IP is unaffected", async () => {
    const anon = app.client();
    const results = await Promise.all(
      Array.from({ length: 30 }, () => anon.get("/_api/collections/posts", ip("203.0.113.7"))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(20);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(10);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await anon.get("/_api/collections/posts", ip("198.51.100.1"))).status).toBe(200);
  });
  it("per user: 10 pass across many IPs, then 429", async () => {
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => alice.client.get("/_api/auth/me", ip(`192.0.2.${i + 1}`))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
  });
});
