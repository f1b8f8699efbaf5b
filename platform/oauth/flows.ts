import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { generateCodeVerifier, generateState } from "arctic";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import type { OAuthProvider } from "./endpoints";

const FLOW_COLUMNS = "app_id, provider, binding_hash, code_verifier, nonce, return_to, expires_at";

/**
 * A sign-in in flight (T54). `state` travels through the provider; the binding value stays in this
 * browser's cookie; the server keeps only their hashes with the PKCE verifier and the nonce. The
 * callback deletes the row as it reads it, so a state (and the code that came with it) works once,
 * only in the browser that started it, only for ten minutes.
 */

export const FLOW_TTL_MS = 10 * 60 * 1000;

export interface StartedFlow {
  state: string;
  binding: string;
  codeVerifier: string;
  nonce: string;
}

export interface StoredFlow {
  appId: string;
  provider: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

export type FlowUse =
  | { ok: true; flow: StoredFlow }
  | { ok: false; reason: "unknown" | "expired" | "other_browser" | "other_app" };

const hashOf = (value: string): string => encodeHexLowerCase(sha256(new TextEncoder().encode(value)));

const randomToken = (): string => encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(32)));

export async function startFlow(
  db: D1Database,
  target: { appId: string; provider: OAuthProvider; returnTo: string },
  now: number,
): Promise<StartedFlow> {
  const flow = {
    state: generateState(),
    binding: randomToken(),
    codeVerifier: generateCodeVerifier(),
    nonce: randomToken(),
  };
  await db.batch([
    // Abandoned sign-ins are swept as new ones start.
    db.prepare("DELETE FROM oauth_flows WHERE expires_at < ?1").bind(now),
    db
      .prepare(`INSERT INTO oauth_flows (state_hash, ${FLOW_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`)
      .bind(
        hashOf(flow.state),
        target.appId,
        target.provider,
        hashOf(flow.binding),
        flow.codeVerifier,
        flow.nonce,
        target.returnTo,
        now + FLOW_TTL_MS,
      ),
  ]);
  return flow;
}

interface FlowRow {
  app_id: string;
  provider: string;
  binding_hash: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  expires_at: number;
}

/** Consumes the flow `state` names, whatever the outcome: a refused state is gone too. */
export async function consumeFlow(
  db: D1Database,
  presented: { state: string; bindings: readonly string[]; appId: string },
  now: number,
): Promise<FlowUse> {
  const row = await db
    .prepare(`DELETE FROM oauth_flows WHERE state_hash = ?1 RETURNING ${FLOW_COLUMNS}`)
    .bind(hashOf(presented.state))
    .first<FlowRow>();
  if (!row) return { ok: false, reason: "unknown" };
  if (row.expires_at < now) return { ok: false, reason: "expired" };
  if (row.app_id !== presented.appId) return { ok: false, reason: "other_app" };
  const expected = new TextEncoder().encode(row.binding_hash);
  const bound = presented.bindings.some((b) => constantTimeEqual(new TextEncoder().encode(hashOf(b)), expected));
  if (!bound) return { ok: false, reason: "other_browser" };
  return {
    ok: true,
    flow: {
      appId: row.app_id,
      provider: row.provider,
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      returnTo: row.return_to,
    },
  };
}
