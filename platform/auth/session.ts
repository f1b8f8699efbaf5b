import { issueToken, secretMatches, splitToken } from "./token";

/**
 * Sessions as the Lucia guide describes them, over any store: the studio keeps creators' sessions
 * in D1, each app keeps its users' sessions in its own Durable Object.
 */

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Past half its life a used session is extended: active users stay signed in, idle ones expire. */
const RENEW_WHEN_LEFT_MS = SESSION_TTL_MS / 2;

export interface SessionRow {
  id: string;
  userId: string;
  secretHash: string;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  insert(row: SessionRow): Promise<void>;
  get(id: string): Promise<SessionRow | null>;
  setExpiry(id: string, expiresAt: number): Promise<void>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

export interface NewSession {
  token: string;
  session: SessionRow;
}

export async function createSession(store: SessionStore, userId: string, now = Date.now()): Promise<NewSession> {
  const issued = issueToken();
  const session: SessionRow = {
    id: issued.id,
    userId,
    secretHash: issued.secretHash,
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
  };
  await store.insert(session);
  return { token: issued.token, session };
}

export type SessionCheck = { ok: true; session: SessionRow; renewed: boolean } | { ok: false };

export async function validateSession(store: SessionStore, token: string, now = Date.now()): Promise<SessionCheck> {
  const parts = splitToken(token);
  if (!parts) return { ok: false };
  const session = await store.get(parts.id);
  if (!session || !secretMatches(parts.secret, session.secretHash)) return { ok: false };
  if (session.expiresAt <= now) {
    await store.delete(session.id);
    return { ok: false };
  }
  if (session.expiresAt - now < RENEW_WHEN_LEFT_MS) {
    session.expiresAt = now + SESSION_TTL_MS;
    await store.setExpiry(session.id, session.expiresAt);
    return { ok: true, session, renewed: true };
  }
  return { ok: true, session, renewed: false };
}

export async function revokeSession(store: SessionStore, token: string): Promise<void> {
  const parts = splitToken(token);
  if (!parts) return;
  const session = await store.get(parts.id);
  // Only the holder of the secret may revoke: a bare id is not proof.
  if (session && secretMatches(parts.secret, session.secretHash)) await store.delete(session.id);
}
