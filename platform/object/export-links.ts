import { hashSecret, randomToken } from "../auth/token";
import { hitWindow } from "./counters";
import type { AppStore } from "./store";

/**
 * Export download links of one app: short-lived, single-use, bound to the creator who asked,
 * rate-limited. Only the token's SHA-256 is kept (T59): a copy of this storage opens no export.
 * Checking and spending a link is one synchronous step in the object, so two GETs racing with
 * one link cannot both stream.
 */

export const EXPORT_LINK = { ttlMs: 10 * 60 * 1000, perWindow: 5, windowMs: 10 * 60 * 1000 } as const;
export const IMPORT_RATE = { perWindow: 3, windowMs: 10 * 60 * 1000 } as const;

const PREFIX = "export:link:";
const TOKEN = /^[a-z2-7]{32}$/;

interface StoredLink {
  creatorId: string;
  expiresAt: number;
  usedAt: number | null;
}

export type IssuedLink = { ok: true; token: string; expiresAt: number } | { ok: false; retryAfterSeconds: number };
export type SpentLink = { ok: true } | { ok: false; reason: "unknown" | "used" | "expired" };

function rateLimited(store: AppStore, key: string, now: number, limit: { perWindow: number; windowMs: number }) {
  const w = hitWindow(store.sql, key, now, limit.windowMs);
  return w.count > limit.perWindow ? Math.max(1, Math.ceil((w.windowStart + limit.windowMs - now) / 1000)) : 0;
}

export function issueExportLink(store: AppStore, creatorId: string, now: number): IssuedLink {
  const wait = rateLimited(store, "export:links", now, EXPORT_LINK);
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };
  // Forget links long past use, so the store holds a handful at most.
  for (const [key, link] of store.kv.list<StoredLink>({ prefix: PREFIX }))
    if (link.expiresAt < now - EXPORT_LINK.ttlMs) store.kv.delete(key);
  const token = randomToken();
  const expiresAt = now + EXPORT_LINK.ttlMs;
  store.kv.put<StoredLink>(PREFIX + hashSecret(token), { creatorId, expiresAt, usedAt: null });
  return { ok: true, token, expiresAt };
}

/** Spends a link once. Another creator's token reads as unknown: it names nothing they may open. */
export function spendExportLink(store: AppStore, token: string, creatorId: string, now: number): SpentLink {
  if (!TOKEN.test(token)) return { ok: false, reason: "unknown" };
  const key = PREFIX + hashSecret(token);
  const link = store.kv.get<StoredLink>(key);
  if (!link || link.creatorId !== creatorId) return { ok: false, reason: "unknown" };
  if (link.usedAt !== null) return { ok: false, reason: "used" };
  if (link.expiresAt <= now) return { ok: false, reason: "expired" };
  store.kv.put<StoredLink>(key, { ...link, usedAt: now });
  return { ok: true };
}

/** Seconds to wait before another import may start, or 0. */
export function importRateWait(store: AppStore, now: number): number {
  return rateLimited(store, "import:runs", now, IMPORT_RATE);
}
