import {
  type LanguageModel,
  type ModelMessage,
  stepCountIs,
  streamText,
  type UIMessageChunk,
  type UIMessageStreamWriter,
} from "ai";
import type { Env } from "../env";
import type { SourceProblem } from "../publish/sources";
import type { Template } from "../templates/registry";
import { checkProposal } from "./check-proposal";
import { saveProposal } from "./conversation";
import { estimateTokens, type Reservation, reserveTokens, settleReservation } from "./meter";
import { repairMessage } from "./prompt";
import { plainModelError } from "./provider-errors";
import { redactAll, StreamRedactor } from "./safety";
import { blankTools, type TurnFiles } from "./tools";

/**
 * One turn of the assistant (issue #12 §4): model → tools → build → repair, bounded. Every model
 * call is reserved before it starts and settled after (meter.ts); the creator receives exactly one
 * `data-proposal` that builds, or one `error` in plain language. Each repair round's problems are
 * streamed as `data-repair` so the studio can show "fixing: …".
 */

export const MAX_REPAIR_ROUNDS = 3;
/** Model calls one turn may make, tool steps and repairs together. */
export const MAX_MODEL_CALLS = 10;
export const MAX_OUTPUT_TOKENS = 8192;
/** Tokens the tool definitions add to every call (pessimistic). */
const TOOLS_OVERHEAD_TOKENS = 400;

export interface TurnInput {
  env: Env;
  model: LanguageModel;
  template: Template;
  appId: string;
  creator: { id: string; plan: string };
  instructions: string;
  messages: ModelMessage[];
  /** The draft's blanks when the turn started. */
  draft: Readonly<Record<string, string>>;
  /** The first call's reservation, taken before the response started (so 429 can be a status). */
  firstReservation: Reservation;
  abortSignal: AbortSignal | undefined;
  /** Strings that must never leave (the provider key). */
  secrets: readonly string[];
}

export type TurnOutcome =
  | { kind: "proposal"; proposalId: string; files: Record<string, string>; rounds: number }
  | { kind: "failed"; error: string; rounds: number }
  | { kind: "aborted"; rounds: number };

export interface TurnReport {
  outcome: TurnOutcome;
  /** The model's explanation, as streamed (redacted). */
  text: string;
  /** Tokens metered for the turn. */
  tokens: number;
  modelCalls: number;
  refused: TurnFiles["refused"];
}

/** The worst case of the next call: everything it will be sent, plus the most it may answer. */
export function worstCaseTokens(instructions: string, messages: readonly ModelMessage[]): number {
  return (
    estimateTokens(instructions) + estimateTokens(JSON.stringify(messages)) + TOOLS_OVERHEAD_TOKENS + MAX_OUTPUT_TOKENS
  );
}

interface CallResult {
  finish: "tool-calls" | "done" | "error" | "aborted";
  error: string | null;
  responseMessages: ModelMessage[];
  metered: number;
}

export async function runTurn(input: TurnInput, writer: UIMessageStreamWriter): Promise<TurnReport> {
  const files: TurnFiles = { base: input.draft, written: {}, refused: [] };
  const tools = blankTools(input.template, files, { secrets: input.secrets });
  const messages = [...input.messages];
  const texts: string[] = [];
  let tokens = 0;
  let modelCalls = 0;
  let rounds = 0;
  let reservation: Reservation | null = input.firstReservation;

  const report = (outcome: TurnOutcome): TurnReport => ({
    outcome,
    text: texts.join("").trim(),
    tokens,
    modelCalls,
    refused: files.refused,
  });
  const fail = (error: string): TurnReport => {
    writer.write({ type: "error", errorText: error });
    return report({ kind: "failed", error, rounds });
  };

  while (true) {
    if (modelCalls >= MAX_MODEL_CALLS)
      return fail(
        `The assistant stopped after ${MAX_MODEL_CALLS} model calls without ` +
          `a change that builds. Nothing was changed; try a smaller request.`,
      );
    if (!reservation) {
      const worst = worstCaseTokens(input.instructions, messages);
      const reserved = await reserveTokens(input.env, {
        creatorId: input.creator.id,
        plan: input.creator.plan,
        tokens: worst,
        now: Date.now(),
      });
      if (!reserved.ok)
        return fail(
          `Your AI allowance for this month ran out during this turn (resets ` +
            `${new Date(reserved.usage.resetsAt).toISOString().slice(0, 10)}). Nothing was changed.`,
        );
      reservation = reserved.reservation;
    }
    modelCalls += 1;
    const call = await callModel(input, { messages, tools, reservation, texts, writer });
    reservation = null;
    tokens += call.metered;
    if (call.finish === "aborted") return report({ kind: "aborted", rounds });
    if (call.finish === "error") return fail(call.error ?? "The model could not answer.");
    messages.push(...call.responseMessages);
    if (call.finish === "tool-calls") continue;

    // The model stopped calling tools: the proposal is what it wrote.
    if (Object.keys(files.written).length === 0)
      return fail(
        files.refused.length > 0
          ? "The assistant only tried to change files it may not touch, so nothing was proposed."
          : "The assistant answered without changing any blank, so " +
              "there is nothing to accept. Ask for a change to the page.",
      );
    writer.write({ type: "data-build", data: { round: rounds, status: "building" }, transient: true });
    const problems = await checkProposal(input.env, input.template, input.draft, files.written);
    if (problems.length === 0) {
      const proposalId = await saveProposal(input.env, {
        appId: input.appId,
        files: files.written,
        base: input.draft,
        rounds,
      });
      writer.write({
        type: "data-proposal",
        data: { proposalId, files: { ...files.written }, rounds, problems: [] },
      });
      return report({ kind: "proposal", proposalId, files: { ...files.written }, rounds });
    }
    if (rounds >= MAX_REPAIR_ROUNDS)
      return fail(
        `After ${MAX_REPAIR_ROUNDS} repair rounds the change still does ` +
          `not build, so nothing was proposed: ${describeProblems(problems)}`,
      );
    rounds += 1;
    writer.write({ type: "data-repair", data: { round: rounds, problems: problems.slice(0, 20).map(publicProblem) } });
    messages.push({ role: "user", content: repairMessage(problems) });
  }
}

function publicProblem(p: SourceProblem): { file: string; line: number; message: string; code: string } {
  return { file: p.file, line: p.line, message: p.message, code: p.code };
}

function describeProblems(problems: readonly SourceProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => `${p.file}:${p.line} ${p.message}`);
  return `${shown.join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}.`;
}

/** One model call: streamed to the studio (redacted), metered, its outcome classified. */
async function callModel(
  input: TurnInput,
  ctx: {
    messages: ModelMessage[];
    tools: ReturnType<typeof blankTools>;
    reservation: Reservation;
    texts: string[];
    writer: UIMessageStreamWriter;
  },
): Promise<CallResult> {
  const { writer } = ctx;
  const inputEstimate = ctx.reservation.tokens - MAX_OUTPUT_TOKENS;
  let streamedChars = 0;
  let error: unknown = null;
  let aborted = false;
  const redactors = new Map<string, StreamRedactor>();
  const redactorFor = (id: string): StreamRedactor => {
    let r = redactors.get(id);
    if (!r) {
      r = new StreamRedactor(input.secrets);
      redactors.set(id, r);
    }
    return r;
  };

  const result = streamText({
    model: input.model,
    instructions: input.instructions,
    messages: ctx.messages,
    tools: ctx.tools,
    maxOutputTokens: MAX_OUTPUT_TOKENS,
    // One model call per reservation: the turn loop, not the SDK, decides whether to go on.
    stopWhen: stepCountIs(1),
    maxRetries: 0,
    ...(input.abortSignal ? { abortSignal: input.abortSignal } : {}),
    onError: ({ error: e }) => {
      error = e;
    },
  });

  try {
    for await (const chunk of result.toUIMessageStream({
      sendStart: false,
      sendFinish: false,
      onError: (e) => {
        error = e;
        return "";
      },
    })) {
      const out = redactChunk(chunk as UIMessageChunk, redactorFor, input.secrets);
      if (out === "error") continue; // reported once, by the loop, in plain words
      if (out === "abort") {
        aborted = true;
        continue;
      }
      // Each model call's explanation is its own paragraph in what is kept.
      if (out.type === "text-start" && ctx.texts.length > 0) ctx.texts.push("\n\n");
      if (out.type === "text-delta") {
        streamedChars += out.delta.length;
        ctx.texts.push(out.delta);
      } else if (out.type === "tool-input-delta") streamedChars += out.inputTextDelta.length;
      writer.write(out);
      if (out.type === "text-end") {
        const tail = redactorFor(out.id).flush();
        if (tail) ctx.texts.push(tail);
      }
    }
  } catch (e) {
    if (input.abortSignal?.aborted) aborted = true;
    else error = e;
  }
  if (input.abortSignal?.aborted) aborted = true;

  // Metering: the provider's reported usage; without one, the estimate of what was sent and streamed.
  let metered = 0;
  if (!aborted && !error) {
    try {
      const usage = await result.usage;
      const reported = usage.totalTokens ?? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
      metered = reported > 0 ? reported : inputEstimate + Math.ceil(streamedChars / 2);
    } catch (e) {
      error = e;
    }
  }
  // An aborted call was still processed by the provider: what was sent and streamed is counted,
  // the rest of the reservation is released. A call that failed before any output costs nothing.
  if (aborted) metered = inputEstimate + Math.ceil(streamedChars / 2);
  else if (error) metered = streamedChars > 0 ? inputEstimate + Math.ceil(streamedChars / 2) : 0;
  await settleReservation(input.env, ctx.reservation, metered);

  if (aborted) return { finish: "aborted", error: null, responseMessages: [], metered };
  if (error) return { finish: "error", error: plainModelError(error), responseMessages: [], metered };
  const finishReason = await result.finishReason;
  const response = await result.response;
  const calledTools = response.messages.some((m) => m.role === "tool");
  return {
    finish: finishReason === "tool-calls" && calledTools ? "tool-calls" : "done",
    error: null,
    responseMessages: response.messages,
    metered,
  };
}

/** Text and tool-input deltas through a per-part stream redactor; everything else as a whole. */
function redactChunk(
  chunk: UIMessageChunk,
  redactorFor: (id: string) => StreamRedactor,
  secrets: readonly string[],
): UIMessageChunk | "error" | "abort" {
  if (chunk.type === "error") return "error";
  if (chunk.type === "abort") return "abort";
  if (chunk.type === "text-delta") return { ...chunk, delta: redactorFor(chunk.id).push(chunk.delta) };
  if (chunk.type === "tool-input-delta")
    return { ...chunk, inputTextDelta: redactorFor(`tool:${chunk.toolCallId}`).push(chunk.inputTextDelta) };
  const text = JSON.stringify(chunk);
  const clean = redactAll(text, secrets);
  return clean === text ? chunk : (JSON.parse(clean) as UIMessageChunk);
}
