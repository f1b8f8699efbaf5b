import type { Env } from "../env";
import { r2Keys } from "../apps/r2-keys";
import type { PastMessage } from "./prompt";

/**
 * An app's conversation with the assistant and its proposals: rows in D1 (small, listed in order),
 * proposal files in R2 under the app's own prefix (deleted with the app).
 */

export type ProposalStatus = "pending" | "accepted" | "rejected";

export interface StoredMessage {
  id: string;
  role: "user" | "assistant";
  text: string;
  proposalId: string | null;
  error: string | null;
  tokens: number;
  createdAt: number;
}

export interface StoredProposal {
  id: string;
  status: ProposalStatus;
  paths: string[];
  baseHashes: Record<string, string>;
  rounds: number;
  createdAt: number;
  decidedAt: number | null;
}

/** Messages shown by GET …/ai/messages (newest kept). */
export const MESSAGES_SHOWN = 200;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function addMessage(
  env: Env,
  appId: string,
  message: Omit<StoredMessage, "id" | "createdAt"> & { createdAt?: number },
): Promise<string> {
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO ai_messages (id, app_id, role, text, proposal_id, " +
      "error, tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(
      id,
      appId,
      message.role,
      message.text,
      message.proposalId,
      message.error,
      message.tokens,
      message.createdAt ?? Date.now(),
    )
    .run();
  return id;
}

interface MessageRow {
  id: string;
  role: string;
  text: string;
  proposal_id: string | null;
  error: string | null;
  tokens: number;
  created_at: number;
}

export async function listMessages(env: Env, appId: string, limit = MESSAGES_SHOWN): Promise<StoredMessage[]> {
  const { results } = await env.DB.prepare(
    "SELECT * FROM (SELECT rowid AS seq, * FROM ai_messages WHERE app_id = " +
      "? ORDER BY created_at DESC, seq DESC LIMIT ?) ORDER BY created_at, seq",
  )
    .bind(appId, limit)
    .all<MessageRow>();
  return results.map((r) => ({
    id: r.id,
    role: r.role === "assistant" ? "assistant" : "user",
    text: r.text,
    proposalId: r.proposal_id,
    error: r.error,
    tokens: r.tokens,
    createdAt: r.created_at,
  }));
}

/** The conversation as the prompt sees it. */
export function asHistory(messages: readonly StoredMessage[]): PastMessage[] {
  return messages.map((m) => ({
    role: m.role,
    text: m.error ? `${m.text}\n(That turn failed: ${m.error})` : m.text,
  }));
}

interface ProposalRow {
  id: string;
  status: string;
  paths: string;
  base_hashes: string;
  rounds: number;
  created_at: number;
  decided_at: number | null;
}

function toProposal(r: ProposalRow): StoredProposal {
  return {
    id: r.id,
    status: r.status === "accepted" || r.status === "rejected" ? r.status : "pending",
    paths: JSON.parse(r.paths) as string[],
    baseHashes: JSON.parse(r.base_hashes) as Record<string, string>,
    rounds: r.rounds,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}

/** Stores a proposal that built: its files in R2 first, then the row that makes it exist. */
export async function saveProposal(
  env: Env,
  input: { appId: string; files: Record<string, string>; base: Readonly<Record<string, string>>; rounds: number },
): Promise<string> {
  const id = crypto.randomUUID();
  const paths = Object.keys(input.files).sort();
  const baseHashes: Record<string, string> = {};
  for (const path of paths) baseHashes[path] = await sha256Hex(input.base[path] ?? "");
  await env.BUCKET.put(r2Keys.aiProposal(input.appId, id), JSON.stringify({ files: input.files }), {
    httpMetadata: { contentType: "application/json" },
  });
  await env.DB.prepare(
    "INSERT INTO ai_proposals (id, app_id, status, paths, base_hashes, " +
      "rounds, created_at) VALUES (?, ?, 'pending', ?, ?, ?, ?)",
  )
    .bind(id, input.appId, JSON.stringify(paths), JSON.stringify(baseHashes), input.rounds, Date.now())
    .run();
  return id;
}

export async function findProposal(env: Env, appId: string, id: string): Promise<StoredProposal | null> {
  const row = await env.DB.prepare("SELECT * FROM ai_proposals WHERE id = ? AND app_id = ?")
    .bind(id, appId)
    .first<ProposalRow>();
  return row ? toProposal(row) : null;
}

export async function listProposals(env: Env, appId: string): Promise<StoredProposal[]> {
  const { results } = await env.DB.prepare("SELECT * FROM ai_proposals WHERE app_id = ? ORDER BY created_at")
    .bind(appId)
    .all<ProposalRow>();
  return results.map(toProposal);
}

export async function proposalFiles(env: Env, appId: string, id: string): Promise<Record<string, string> | null> {
  const object = await env.BUCKET.get(r2Keys.aiProposal(appId, id));
  if (!object) return null;
  const value = JSON.parse(await object.text()) as { files?: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(value.files ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/** Moves a pending proposal to its decision; false when it was already decided (compare-and-set). */
export async function decideProposal(
  env: Env,
  appId: string,
  id: string,
  status: Exclude<ProposalStatus, "pending">,
): Promise<boolean> {
  const res = await env.DB.prepare(
    "UPDATE ai_proposals SET status = ?, decided_at = ? WHERE id = ? AND app_id = ? AND status = 'pending'",
  )
    .bind(status, Date.now(), id, appId)
    .run();
  return (res.meta.changes ?? 0) === 1;
}
