import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import type { Env } from "../../platform/env";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";

/** Shared by the AI tests: an Env pointing the real AI SDK at the local model server, and a stream reader. */

export const modelApi = (): string => {
  const api = inject("modelApi");
  return `http://${api.host}:${api.port}`;
};

/** A planted provider key: built from pieces, so no key-shaped literal is in the repository. */
export const CANARY_KEY = ["canary", "ai", "key", "7Q2xZp9LwM4vR8tN"].join("-");

export function aiEnv(
  model: string,
  options: { provider?: "openai-compatible" | "anthropic"; vars?: Partial<Env> } = {},
): Env {
  return {
    ...(env as unknown as Env),
    AI_PROVIDER: options.provider ?? "openai-compatible",
    AI_BASE_URL: `${modelApi()}/v1`,
    AI_MODEL: model,
    AI_API_KEY: CANARY_KEY,
    AI_TURNS_PER_MINUTE: "100",
    ...options.vars,
  };
}

let counter = 0;
/** A signed-up creator whose requests reach the Worker with `e`. */
export async function aiCreator(e: Env, label = "ai"): Promise<Client> {
  const c = new Client(STUDIO_ORIGIN, { env: e });
  counter += 1;
  const email = `${label}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await c.post("/api/auth/signup", { email, password: "correct horse battery staple" });
  expect(res.status).toBe(201);
  return c;
}

export async function aiApp(c: Client, slug: string, template = "sandlot-publish"): Promise<void> {
  const res = await c.post("/api/apps", { slug, template, name: `App ${slug}` });
  expect(res.status, await res.clone().text()).toBe(201);
}

export interface Chunk {
  type: string;
  [key: string]: unknown;
}

export interface Turn {
  status: number;
  headers: Headers;
  raw: string;
  chunks: Chunk[];
  text: string;
  proposal: { proposalId: string; files: Record<string, string>; rounds: number; problems: unknown[] } | null;
  errors: string[];
  repairs: Array<{ round: number; problems: Array<{ file: string; line: number; message: string; code: string }> }>;
  usage: { tokens: number; modelCalls: number; rounds: number } | null;
  body: Record<string, unknown> | null;
}

export function parseStream(raw: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const event of raw.split("\n\n")) {
    const line = event.split("\n").find((l) => l.startsWith("data: "));
    if (!line) continue;
    const data = line.slice("data: ".length);
    if (data === "[DONE]") continue;
    chunks.push(JSON.parse(data) as Chunk);
  }
  return chunks;
}

export async function chat(c: Client, slug: string, body: { message: string; blank?: string }): Promise<Turn> {
  const res = await c.post(`/api/apps/${slug}/ai/chat`, body);
  const raw = await res.text();
  const isStream = (res.headers.get("content-type") ?? "").startsWith("text/event-stream");
  const chunks = isStream ? parseStream(raw) : [];
  const data = <T>(type: string): T[] => chunks.filter((ch) => ch.type === type).map((ch) => ch.data as T);
  return {
    status: res.status,
    headers: res.headers,
    raw,
    chunks,
    text: chunks
      .filter((ch) => ch.type === "text-delta")
      .map((ch) => ch.delta as string)
      .join(""),
    proposal: data<Turn["proposal"]>("data-proposal")[0] ?? null,
    errors: chunks.filter((ch) => ch.type === "error").map((ch) => ch.errorText as string),
    repairs: data<Turn["repairs"][number]>("data-repair"),
    usage: data<NonNullable<Turn["usage"]>>("data-usage")[0] ?? null,
    body: isStream ? null : (JSON.parse(raw) as Record<string, unknown>),
  };
}

export async function usageOf(c: Client): Promise<{ usedTokens: number; limitTokens: number; resetsAt: number }> {
  const res = await c.get("/api/ai");
  expect(res.status).toBe(200);
  return (await json<{ usage: { usedTokens: number; limitTokens: number; resetsAt: number } }>(res)).usage;
}

export interface ModelRequest {
  protocol: string;
  model: string;
  authorization: string | null;
  apiKey: string | null;
  firstTokenAt: number | null;
  usage: { input: number; output: number } | null;
  bytes: number;
  at: number;
  body: string;
}

export async function modelRequests(model: string): Promise<ModelRequest[]> {
  const res = await fetch(`${modelApi()}/__control/requests`);
  return ((await res.json()) as { requests: ModelRequest[] }).requests.filter((r) => r.model === model);
}

/** The `{error}` of a JSON answer (429, 503, …), or empty strings. */
export function errorOf(turn: Turn | undefined): { code: string; message: string } {
  const error = turn?.body?.error as { code?: string; message?: string } | undefined;
  return { code: error?.code ?? "", message: error?.message ?? "" };
}
