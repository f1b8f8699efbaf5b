import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RESERVATION_TTL_MS, monthOf, reserveTokens, settleReservation } from "../../platform/ai/meter";
import { instructionsFor, messagesFor } from "../../platform/ai/prompt";
import { worstCaseTokens } from "../../platform/ai/turn";
import type { Env } from "../../platform/env";
import { defaultBlanks } from "../../platform/publish/sources";
import { getTemplate } from "../../platform/templates/registry";
import { json } from "../helpers/client";
import { aiApp, aiCreator, aiEnv, chat, errorOf, modelRequests, usageOf } from "../integration/ai-helpers";

/**
 * T39/T40 (I7): AI spend cannot be run up. Every model call reserves its worst case with one
 * conditional UPDATE before it starts; parallel turns, many apps and retries draw from the same
 * per-creator monthly allowance; turns per minute are limited.
 */

let n = 0;
const slug = (p: string): string => `t39-${p}-${++n}-${crypto.randomUUID().slice(0, 6)}`;
/** The worst case the first call of a fresh app's first turn reserves: exactly what the route computes. */
function firstCallWorstCase(message: string, hint: string | undefined): number {
  const template = getTemplate(env as unknown as Env, "sandlot-publish");
  if (!template) throw new Error("fixture missing");
  const input = { template, blanks: defaultBlanks(template), hint, history: [], message };
  return worstCaseTokens(instructionsFor(input), messagesFor(input));
}

const creatorIdOf = async (c: Awaited<ReturnType<typeof aiCreator>>): Promise<string> =>
  (await json<{ creator: { id: string } }>(await c.get("/api/auth/me"))).creator.id;

describe("T39: quota and parallel streams", () => {
  it("20 parallel turns never take usage past the allowance; every reservation is settled", async () => {
    const LIMIT = 60_000;
    const e = aiEnv("good+t39-parallel", { vars: { AI_TOKENS_FREE: String(LIMIT) } });
    const c = await aiCreator(e);
    const s = slug("parallel");
    await aiApp(c, s);
    const turns = await Promise.all(
      Array.from({ length: 20 }, () => chat(c, s, { message: "hello", blank: "src/blanks/Home.tsx" })),
    );
    const statuses = turns.map((t) => t.status);
    expect(statuses.every((st) => st === 200 || st === 429)).toBe(true);
    expect(statuses.filter((st) => st === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((st) => st === 200).length).toBeGreaterThan(0);
    for (const t of turns.filter((t) => t.status === 429)) expect(errorOf(t).code).toBe("ai_quota");

    const usage = await usageOf(c);
    expect(usage.usedTokens).toBeLessThanOrEqual(LIMIT);
    const row = await env.DB.prepare(
      "SELECT used_tokens AS used, reserved_tokens AS reserved FROM ai_usage WHERE creator_id = ?",
    )
      .bind(await creatorIdOf(c))
      .first<{ used: number; reserved: number }>();
    expect(row?.reserved).toBe(0);
    expect(row?.used).toBeLessThanOrEqual(LIMIT);
    // What was metered is what the turns reported, and what the provider reported for the calls made.
    const streamed = turns.reduce((sum, t) => sum + (t.usage?.tokens ?? 0), 0);
    expect(row?.used).toBe(streamed);
    const reported = (await modelRequests("good+t39-parallel")).reduce(
      (sum, r) => sum + (r.usage ? r.usage.input + r.usage.output : 0),
      0,
    );
    expect(row?.used).toBe(reported);
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM ai_reservations WHERE creator_id = ?")
      .bind(await creatorIdOf(c))
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it("an exhausted allowance answers 429 ai_quota naming the reset day, and no model is called", async () => {
    const e = aiEnv("good+t39-empty", { vars: { AI_TOKENS_FREE: "500" } });
    const c = await aiCreator(e);
    const s = slug("empty");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "hello" });
    expect(turn.status).toBe(429);
    const error = errorOf(turn);
    expect(error.code).toBe("ai_quota");
    const now = new Date();
    const reset = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    expect(error.message).toContain(reset);
    expect(await modelRequests("good+t39-empty")).toHaveLength(0);
    const status = await json<{ usage: { usedTokens: number; limitTokens: number; resetsAt: number } }>(
      await c.get("/api/ai"),
    );
    expect(status.usage).toEqual({ usedTokens: 0, limitTokens: 500, resetsAt: Date.parse(reset) });
  });

  it("a turn that runs out of allowance mid-way stops with a plain error and keeps within the limit", async () => {
    // Room for the first call's worst case but not for a second one.
    const limit = firstCallWorstCase("shout", "src/blanks/Home.tsx") + 100;
    const e = aiEnv("bad-import+t39-mid", { vars: { AI_TOKENS_FREE: String(limit) } });
    const c = await aiCreator(e);
    const s = slug("mid");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "shout", blank: "src/blanks/Home.tsx" });
    expect(turn.status).toBe(200);
    expect(turn.proposal).toBeNull();
    expect(turn.errors).toEqual([expect.stringContaining("allowance for this month ran out")]);
    expect((await usageOf(c)).usedTokens).toBeLessThanOrEqual(limit);
    expect(await modelRequests("bad-import+t39-mid")).toHaveLength(1);
  });
});

describe("T40: the quota is the paying account's, atomic, and turns are rate-limited", () => {
  it("many apps share one creator's allowance", async () => {
    const e = aiEnv("good+t40-apps", { vars: { AI_TOKENS_FREE: "1000000" } });
    const c = await aiCreator(e);
    const a = slug("a");
    const b = slug("b");
    await aiApp(c, a);
    await aiApp(c, b);
    expect((await chat(c, a, { message: "hello" })).status).toBe(200);
    const used = (await usageOf(c)).usedTokens;
    expect(used).toBeGreaterThan(0);
    // An allowance that fits app b's first call alone, but not beside what app a used.
    const limit = used + firstCallWorstCase("hello", undefined) - 1;
    const tight = aiEnv("good+t40-apps", { vars: { AI_TOKENS_FREE: String(limit) } });
    c.env = tight;
    const second = await chat(c, b, { message: "hello" });
    expect(second.status).toBe(429);
    expect(errorOf(second).code).toBe("ai_quota");
    expect((await usageOf(c)).usedTokens).toBe(used);
    // The same allowance lets a creator without that usage through: it is the account's usage that refused.
    const fresh = await aiCreator(tight);
    const f = slug("f");
    await aiApp(fresh, f);
    expect((await chat(fresh, f, { message: "hello" })).status).toBe(200);
  });

  it("turns per minute are limited per creator (429 ai_rate_limited with Retry-After)", async () => {
    const e = aiEnv("chatty+t40-rate", { vars: { AI_TURNS_PER_MINUTE: "2" } });
    const c = await aiCreator(e);
    const s = slug("rate");
    await aiApp(c, s);
    const results = await Promise.all([0, 1, 2, 3].map(() => chat(c, s, { message: "hi" })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429]);
    const limited = results.find((r) => r.status === 429);
    expect(errorOf(limited).code).toBe("ai_rate_limited");
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await modelRequests("chatty+t40-rate")).toHaveLength(2);
  });

  it("reservations are atomic: parallel reserves stay in the limit; a dead call's reservation expires", async () => {
    const e = { ...(env as unknown as Env), AI_TOKENS_FREE: "1000" };
    const c = await aiCreator(e);
    const creatorId = await creatorIdOf(c);
    const now = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => reserveTokens(e, { creatorId, plan: "free", tokens: 300, now })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    const row = await env.DB.prepare("SELECT reserved_tokens AS r FROM ai_usage WHERE creator_id = ? AND month = ?")
      .bind(creatorId, monthOf(now))
      .first<{ r: number }>();
    expect(row?.r).toBe(900);
    // Two settle, one is left by a "dead" Worker: it is released once it expires, and only once.
    const granted = outcomes.flatMap((o) => (o.ok ? [o.reservation] : []));
    await settleReservation(e, granted[0]!, 100);
    await settleReservation(e, granted[1]!, 0);
    const later = now + RESERVATION_TTL_MS + 1;
    const after = await reserveTokens(e, { creatorId, plan: "free", tokens: 900, now: later });
    expect(after.ok).toBe(true);
    await settleReservation(e, granted[2]!, 50); // the late settle still counts its use, never releases twice
    const final = await env.DB.prepare(
      "SELECT used_tokens AS u, reserved_tokens AS r FROM ai_usage WHERE creator_id = ? AND month = ?",
    )
      .bind(creatorId, monthOf(now))
      .first<{ u: number; r: number }>();
    expect(final).toEqual({ u: 150, r: 900 });
  });
});
