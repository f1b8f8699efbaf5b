import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../platform/env";
import { MAX_MODEL_CALLS, MAX_OUTPUT_TOKENS, MAX_REPAIR_ROUNDS } from "../../platform/ai/turn";
import { json } from "../helpers/client";
import { aiApp, aiCreator, aiEnv, chat, modelRequests, usageOf } from "./ai-helpers";

/**
 * The assistant's closed loop (issue #12 §2–4, §9) through the real AI SDK against the local
 * model server (scripts/ai-model-server.mjs), once per protocol: OpenAI-compatible chat
 * completions and Anthropic Messages, both streamed with tool calls and usage.
 */

const HOME = "src/blanks/Home.tsx";
const PROTOCOLS = ["openai-compatible", "anthropic"] as const;
let n = 0;
const slug = (p: string): string => `ai-${p}-${++n}-${crypto.randomUUID().slice(0, 6)}`;

/** Tokens per scenario, printed once so the closing note can quote them. */
const tokensPerTurn: Array<{ scenario: string; protocol: string; tokens: number; calls: number; rounds: number }> = [];

describe.each(PROTOCOLS)("turns over %s", (provider) => {
  const envFor = (model: string): Env => aiEnv(model, { provider });

  it("a good answer becomes a proposal that builds, streamed as text then one data-proposal", async () => {
    const e = envFor("good");
    const c = await aiCreator(e);
    const s = slug("good");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "Say hello in the headline", blank: HOME });
    expect(turn.status).toBe(200);
    expect(turn.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(turn.text).toContain("I'll change the headline.");
    expect(turn.errors).toEqual([]);
    expect(turn.chunks.filter((ch) => ch.type === "data-proposal")).toHaveLength(1);
    expect(turn.proposal?.rounds).toBe(0);
    expect(turn.proposal?.problems).toEqual([]);
    expect(turn.proposal?.files[HOME]).toContain("Hello from the assistant");
    // Text streamed before the proposal arrived.
    const firstText = turn.chunks.findIndex((ch) => ch.type === "text-delta");
    const proposalAt = turn.chunks.findIndex((ch) => ch.type === "data-proposal");
    expect(firstText).toBeGreaterThanOrEqual(0);
    expect(firstText).toBeLessThan(proposalAt);
    expect(turn.usage?.modelCalls).toBe(2);
    tokensPerTurn.push({ scenario: "good", protocol: provider, tokens: turn.usage?.tokens ?? -1, calls: 2, rounds: 0 });

    // Metered to what the provider reported (the server reports ~chars/4 per request).
    const reqs = await modelRequests("good");
    expect(reqs.length).toBeGreaterThanOrEqual(2);
    expect((await usageOf(c)).usedTokens).toBe(turn.usage?.tokens);

    // Nothing in the draft until accepted.
    const before = await json<{ files: Record<string, string> }>(await c.get(`/api/apps/${s}/files`));
    expect(before.files[HOME]).toContain("Hello from the publish fixture");
    const accepted = await c.post(`/api/apps/${s}/ai/proposals/${turn.proposal?.proposalId}/accept`);
    expect(accepted.status).toBe(200);
    expect((await json<{ files: Record<string, string> }>(accepted)).files[HOME]).toContain("Hello from the assistant");
    const after = await json<{ files: Record<string, string> }>(await c.get(`/api/apps/${s}/files`));
    expect(after.files[HOME]).toContain("Hello from the assistant");
    // A decided proposal cannot be accepted twice.
    expect((await c.post(`/api/apps/${s}/ai/proposals/${turn.proposal?.proposalId}/accept`)).status).toBe(409);

    // The conversation, with what became of the proposal, is kept.
    const history = await json<{
      messages: Array<{
        role: string;
        text: string;
        proposal: { status: string; files: Record<string, string> } | null;
      }>;
    }>(await c.get(`/api/apps/${s}/ai/messages`));
    expect(history.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(history.messages[0]?.text).toBe("Say hello in the headline");
    expect(history.messages[1]?.proposal?.status).toBe("accepted");
    expect(history.messages[1]?.proposal?.files[HOME]).toContain("Hello from the assistant");
  });

  it("a first answer with a disallowed import is repaired, the round's problems streamed with file:line", async () => {
    const c = await aiCreator(envFor("bad-import"));
    const s = slug("repair");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "Shout the headline", blank: HOME });
    expect(turn.status).toBe(200);
    expect(turn.repairs).toHaveLength(1);
    const problem = turn.repairs[0]?.problems[0];
    expect(problem?.file).toBe(HOME);
    expect(problem?.line).toBe(1);
    expect(problem?.code).toBe("import_not_allowed");
    expect(problem?.message).toContain("lodash");
    expect(turn.proposal?.rounds).toBe(1);
    expect(turn.proposal?.files[HOME]).toContain("HELLO");
    expect(turn.proposal?.files[HOME]).not.toContain("lodash");
    expect(turn.errors).toEqual([]);
    tokensPerTurn.push({
      scenario: "bad-import (1 repair)",
      protocol: provider,
      tokens: turn.usage?.tokens ?? -1,
      calls: turn.usage?.modelCalls ?? -1,
      rounds: 1,
    });
  });

  it("T52: a tool call for a locked path is refused as the tool's result and the model recovers", async () => {
    const c = await aiCreator(envFor("locked"));
    const s = slug("locked");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "Change the entry file" });
    expect(turn.status).toBe(200);
    const refusal = turn.chunks.find(
      (ch) => ch.type === "tool-output-available" && String(ch.output).startsWith("REFUSED:"),
    );
    expect(String(refusal?.output)).toContain("src/main.tsx is a locked template file");
    expect(turn.proposal?.files).toEqual({ [HOME]: expect.stringContaining("Recovered") });
    expect(Object.keys(turn.proposal?.files ?? {})).not.toContain("src/main.tsx");
    tokensPerTurn.push({
      scenario: "locked path refused",
      protocol: provider,
      tokens: turn.usage?.tokens ?? -1,
      calls: turn.usage?.modelCalls ?? -1,
      rounds: 0,
    });
  });

  it("a model that never produces a valid file ends with a clear message within the bound", async () => {
    const c = await aiCreator(envFor("never-valid"));
    const s = slug("never");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "Pad the headline", blank: HOME });
    expect(turn.status).toBe(200);
    expect(turn.proposal).toBeNull();
    expect(turn.repairs).toHaveLength(MAX_REPAIR_ROUNDS);
    expect(turn.errors).toHaveLength(1);
    expect(turn.errors[0]).toContain(`After ${MAX_REPAIR_ROUNDS} repair rounds`);
    expect(turn.errors[0]).toContain("left-pad");
    expect(turn.usage?.modelCalls).toBeLessThanOrEqual(MAX_MODEL_CALLS);
    // Nothing reached the draft.
    const files = await json<{ files: Record<string, string> }>(await c.get(`/api/apps/${s}/files`));
    expect(files.files[HOME]).not.toContain("left-pad");
    const history = await json<{ messages: Array<{ error: string | null }> }>(
      await c.get(`/api/apps/${s}/ai/messages`),
    );
    expect(history.messages[1]?.error).toContain("repair rounds");
    tokensPerTurn.push({
      scenario: "never valid (3 repairs, fails)",
      protocol: provider,
      tokens: turn.usage?.tokens ?? -1,
      calls: turn.usage?.modelCalls ?? -1,
      rounds: MAX_REPAIR_ROUNDS,
    });
  });
});

describe("turns (protocol-independent)", () => {
  it("a turn may change several blanks", async () => {
    const c = await aiCreator(aiEnv("multi"));
    const s = slug("multi");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "Headline and colours" });
    expect(Object.keys(turn.proposal?.files ?? {}).sort()).toEqual([HOME, "src/blanks/theme.css"]);
    tokensPerTurn.push({
      scenario: "two blanks",
      protocol: "openai-compatible",
      tokens: turn.usage?.tokens ?? -1,
      calls: 2,
      rounds: 0,
    });
  });

  it("an answer that changes nothing ends with one plain error, no proposal", async () => {
    const c = await aiCreator(aiEnv("chatty"));
    const s = slug("chatty");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "What do you think?" });
    expect(turn.proposal).toBeNull();
    expect(turn.errors).toEqual([expect.stringContaining("without changing any blank")]);
  });

  it("accept answers 409 when a proposed blank changed since; reject is 204 and kept in history", async () => {
    const c = await aiCreator(aiEnv("good"));
    const s = slug("conflict");
    await aiApp(c, s);
    const turn = await chat(c, s, { message: "hello", blank: HOME });
    const id = turn.proposal?.proposalId ?? "";
    const edited = await c.put(`/api/apps/${s}/files`, {
      files: { [HOME]: "export default function Home() {\n  return <h1>Mine</h1>;\n}\n" },
    });
    expect(edited.status).toBe(200);
    const res = await c.post(`/api/apps/${s}/ai/proposals/${id}/accept`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("conflict");
    const files = await json<{ files: Record<string, string> }>(await c.get(`/api/apps/${s}/files`));
    expect(files.files[HOME]).toContain("Mine");

    expect((await c.post(`/api/apps/${s}/ai/proposals/${id}/reject`)).status).toBe(204);
    const history = await json<{ messages: Array<{ proposal: { status: string } | null }> }>(
      await c.get(`/api/apps/${s}/ai/messages`),
    );
    expect(history.messages[1]?.proposal?.status).toBe("rejected");
    expect((await c.post(`/api/apps/${s}/ai/proposals/${crypto.randomUUID()}/accept`)).status).toBe(404);
  });

  it("the conversation so far goes into the next turn's prompt", async () => {
    const c = await aiCreator(aiEnv("good+history"));
    const s = slug("history");
    await aiApp(c, s);
    await chat(c, s, { message: "first request about ducks" });
    const second = await chat(c, s, { message: "second request" });
    expect(second.status).toBe(200);
    const history = await json<{ messages: Array<{ text: string }> }>(await c.get(`/api/apps/${s}/ai/messages`));
    expect(history.messages.map((m) => m.text)).toContain("first request about ducks");
    expect(history.messages).toHaveLength(4);
    // The second turn's first model call carried the first turn, trimmed to the budget.
    const calls = (await modelRequests("good+history")).filter((r) => r.body.includes("second request"));
    expect(calls[0]?.body).toContain("first request about ducks");
    expect(calls[0]?.body).toContain("Done: the headline now says hello.");
  });

  it("unconfigured: GET /api/ai says so, chat is 503 ai_not_configured, the editor still works", async () => {
    const plain = { ...(env as unknown as Env) };
    delete plain.AI_PROVIDER;
    const c = await aiCreator(plain);
    const s = slug("off");
    await aiApp(c, s);
    const status = await json<{ configured: boolean; provider: string | null }>(await c.get("/api/ai"));
    expect(status.configured).toBe(false);
    expect(status.provider).toBeNull();
    const res = await c.post(`/api/apps/${s}/ai/chat`, { message: "hello" });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "ai_not_configured",
      message: expect.stringContaining("docs/ai.md"),
    });
    expect((await c.put(`/api/apps/${s}/files`, { files: { [HOME]: "export default () => null;\n" } })).status).toBe(
      200,
    );
  });

  it("another creator's app answers 404 on every AI route, before anything else", async () => {
    const owner = await aiCreator(aiEnv("good"));
    const s = slug("owned");
    await aiApp(owner, s);
    const turn = await chat(owner, s, { message: "hello" });
    const other = await aiCreator(aiEnv("good"), "other");
    const id = turn.proposal?.proposalId ?? "";
    for (const [method, path] of [
      ["POST", `/api/apps/${s}/ai/chat`],
      ["GET", `/api/apps/${s}/ai/messages`],
      ["POST", `/api/apps/${s}/ai/proposals/${id}/accept`],
      ["POST", `/api/apps/${s}/ai/proposals/${id}/reject`],
    ] as const) {
      const res = await other.fetch(path, { method, json: method === "POST" ? { message: "hello" } : undefined });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await modelRequests("good")).length).toBeGreaterThan(0);
    const history = await json<{ messages: unknown[] }>(await owner.get(`/api/apps/${s}/ai/messages`));
    expect(history.messages).toHaveLength(2);
  });

  it("T39: stopping a turn releases the unused reservation and counts only what was streamed", async () => {
    const c = await aiCreator(aiEnv("slow+abort"));
    const s = slug("abort");
    await aiApp(c, s);
    const controller = new AbortController();
    const res = await c.post(`/api/apps/${s}/ai/chat`, { message: "take your time" }, { signal: controller.signal });
    expect(res.status).toBe(200);
    // Read until the model's words are arriving, then stop.
    const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes('"text-delta"')) {
      const next = await reader?.read();
      if (!next || next.done) break;
      seen += next.value;
    }
    expect(seen).toContain("word0");
    controller.abort();
    await reader?.cancel().catch(() => undefined);
    // The turn notices the abort, settles, and records itself as stopped.
    let stored: Array<{ role: string; error: string | null; tokens: number }> = [];
    for (let i = 0; i < 100; i++) {
      stored = (await json<{ messages: typeof stored }>(await c.get(`/api/apps/${s}/ai/messages`))).messages;
      if (stored.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stored[1]?.error).toBe("Stopped.");
    const creatorId = (await json<{ creator: { id: string } }>(await c.get("/api/auth/me"))).creator.id;
    const row = await env.DB.prepare("SELECT used_tokens AS u, reserved_tokens AS r FROM ai_usage WHERE creator_id = ?")
      .bind(creatorId)
      .first<{ u: number; r: number }>();
    expect(row?.r).toBe(0);
    expect(row?.u).toBe(stored[1]?.tokens);
    expect(row?.u).toBeGreaterThan(0);
    // What was sent and streamed, far from the reserved worst case (input + MAX_OUTPUT_TOKENS).
    expect(row?.u).toBeLessThan(MAX_OUTPUT_TOKENS);
  });

  it("prints tokens per turn for each scenario", () => {
    expect(tokensPerTurn.length).toBeGreaterThanOrEqual(9);
    for (const t of tokensPerTurn) expect(t.tokens).toBeGreaterThan(0);
    console.log(
      `AI tokens per turn:\n${tokensPerTurn
        .map((t) => `  ${t.scenario} [${t.protocol}]: ${t.tokens} tokens, ${t.calls} model calls`)
        .join("\n")}`,
    );
  });
});
