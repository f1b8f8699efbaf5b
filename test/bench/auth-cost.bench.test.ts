import { describe, expect, it } from "vitest";
import { Client } from "../helpers/client";
import { latestToken, makeApp, PASSWORD, signUp, type TestUser } from "../attacks/helpers/app";

/**
 * `npm run bench` (scripts/bench.mjs): what an anonymous request to the auth routes costs the app's
 * Durable Object (T49). A refused bogus reset token should cost about what a plain request does,
 * because the token is checked before anything is hashed; a reset with a real token and a login
 * with a wrong password each pay for one argon2id hash. Every request goes through the real
 * Worker; medians, no thresholds. Each hashing run comes from its own address, so the per-client
 * hash budget (10 a minute) measures nothing here. Printed as one `BENCH_RESULT {json}` line.
 */

const RUNS = 25;
/** Runs that hash: the per-app budget is 60 a minute, and every run here spends one. */
const HASH_RUNS = 8;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function timed(runs: number, request: (i: number) => Promise<Response>, status: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const res = await request(i);
    times.push(performance.now() - t);
    expect(res.status).toBe(status);
    await res.arrayBuffer();
  }
  return median(times);
}

const clientAt = (origin: string, i: number): Client => new Client(origin, { ip: `203.0.113.${10 + i}` });

describe("auth cost bench", () => {
  it("a refused bogus reset vs a plain request vs a hash", async () => {
    const app = await makeApp("bench-auth");
    const user = await signUp(app, "bench-auth@example.com");
    const resetters: TestUser[] = [];
    for (let i = 0; i < HASH_RUNS; i++) resetters.push(await signUp(app, `bench-reset-${i}@example.com`));

    const plainMe = await timed(RUNS, () => user.client.get("/_api/auth/me"), 200);
    const anonymousMe = await timed(RUNS, () => app.client().get("/_api/auth/me"), 401);
    const bogusReset = await timed(
      RUNS,
      (i) =>
        clientAt(app.origin, i).post("/_api/auth/reset", {
          token: `${"a".repeat(32)}.${"b".repeat(32)}`,
          password: "a-brand-new-password",
        }),
      400,
    );
    const tokens: string[] = [];
    for (const r of resetters) {
      expect((await app.client().post("/_api/auth/reset/request", { email: r.email })).status).toBe(202);
      const token = await latestToken(app, r.email, "reset");
      expect(token).not.toBeNull();
      tokens.push(token as string);
    }
    const realReset = await timed(
      HASH_RUNS,
      (i) => clientAt(app.origin, 100 + i).post("/_api/auth/reset", { token: tokens[i], password: "a-new-password!" }),
      200,
    );
    const wrongLogin = await timed(
      HASH_RUNS,
      (i) =>
        clientAt(app.origin, 150 + i).post("/_api/auth/login", {
          // One attempt per account: the per-account login throttle would answer 429 first.
          email: (resetters[i] as TestUser).email,
          password: `${PASSWORD}-not`,
        }),
      401,
    );
    const result = {
      kind: "auth-cost",
      runs: RUNS,
      hashRuns: HASH_RUNS,
      medianMs: { plainMe, anonymousMe, bogusReset, realReset, wrongLogin },
      ratios: { bogusResetVsPlain: bogusReset / plainMe, realResetVsBogus: realReset / bogusReset },
    };
    console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
  }, 600_000);
});
