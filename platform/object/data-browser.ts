import { unindexDocument } from "./search-index";
import { and, eq } from "drizzle-orm";
import { documents, uniqueValues } from "../db/do-schema";
import type { Manifest } from "../manifest/schema";
import { addToCounter, counterKeys } from "./counters";
import { storedData } from "./documents";
import { quotasCounting } from "./limits";
import { updateCounts } from "./relations";
import type { AppStore } from "./store";

/**
 * The creator's view of one copy's data (the studio's data browser): records of a collection and
 * the end users, newest first, a page at a time; deleting a record the way the app's own delete
 * does (unique values released, quota counters and counts given back). Allow-listed shapes: no password
 * hashes, no session or token material (T04).
 */

export const DATA_PAGE = { defaultLimit: 25, maxLimit: 100 } as const;

export interface RecordView {
  id: string;
  ownerId: string | null;
  ownerEmail: string | null;
  /** The record's fields as stored (JSON text: crosses RPC as a string). */
  json: string;
  createdAt: number;
  updatedAt: number;
}

export interface EndUserView {
  id: string;
  email: string;
  verified: boolean;
  createdAt: number;
  /** Plans of the user's subscriptions that are not final (active, trialing, past_due…). */
  plans: string[];
}

export interface Page<T> {
  items: T[];
  /** Pass back as `before` for the next page; null at the end. */
  next: string | null;
}

/** `<createdAt>.<id>`: a position in newest-first order. */
function parseBefore(before: string | undefined): { at: number; id: string } | null {
  if (!before) return null;
  const m = /^(\d{1,16})\.([\w-]{1,80})$/.exec(before);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DATA_PAGE.defaultLimit;
  return Math.min(DATA_PAGE.maxLimit, Math.max(1, Math.floor(limit)));
}

export function listRecords(
  store: AppStore,
  collection: string,
  options: { limit?: number; before?: string },
): Page<RecordView> {
  const limit = clampLimit(options.limit);
  const before = parseBefore(options.before);
  const rows = store.sql
    .exec<{
      id: string;
      owner_id: string | null;
      email: string | null;
      data: string;
      created_at: number;
      updated_at: number;
    }>(
      `SELECT d.id, d.owner_id, u.email, d.data, d.created_at, d.updated_at
       FROM documents d LEFT JOIN users u ON u.id = d.owner_id
       WHERE d.collection = ? ${before ? "AND (d.created_at < ? OR (d.created_at = ? AND d.id < ?))" : ""}
       ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
      ...(before ? [collection, before.at, before.at, before.id, limit + 1] : [collection, limit + 1]),
    )
    .toArray();
  const page = rows.slice(0, limit);
  const items = page.map((r) => ({
    id: r.id,
    ownerId: r.owner_id,
    ownerEmail: r.email,
    json: r.data,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
  const last = page.at(-1);
  return { items, next: rows.length > limit && last ? `${last.created_at}.${last.id}` : null };
}

/** Deletes one record as its app would; false when there is no such record. */
export function deleteRecord(store: AppStore, manifest: Manifest, collection: string, id: string): boolean {
  return store.db.transaction((tx) => {
    const row = tx
      .select({ id: documents.id, ownerId: documents.ownerId, data: documents.data })
      .from(documents)
      .where(and(eq(documents.collection, collection), eq(documents.id, id)))
      .get();
    if (!row) return false;
    tx.delete(uniqueValues).where(eq(uniqueValues.documentId, row.id)).run();
    unindexDocument(tx, row.id);
    tx.delete(documents).where(eq(documents.id, row.id)).run();
    updateCounts(tx, manifest, collection, storedData(row), null);
    addToCounter(tx, counterKeys.docs(collection, row.ownerId), -1);
    for (const q of quotasCounting(manifest, collection)) addToCounter(tx, counterKeys.quota(q.id, row.ownerId), -1);
    return true;
  });
}

export function listEndUsers(store: AppStore, options: { limit?: number; before?: string }): Page<EndUserView> {
  const limit = clampLimit(options.limit);
  const before = parseBefore(options.before);
  const rows = store.sql
    .exec<{ id: string; email: string; email_verified_at: number | null; created_at: number; plans: string | null }>(
      `SELECT u.id, u.email, u.email_verified_at, u.created_at,
        (SELECT group_concat(s.plan, ',') FROM subscriptions s
          WHERE s.user_id = u.id AND s.status NOT IN ('canceled', 'incomplete_expired')) AS plans
       FROM users u
       ${before ? "WHERE (u.created_at < ? OR (u.created_at = ? AND u.id < ?))" : ""}
       ORDER BY u.created_at DESC, u.id DESC LIMIT ?`,
      ...(before ? [before.at, before.at, before.id, limit + 1] : [limit + 1]),
    )
    .toArray();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      email: r.email,
      verified: r.email_verified_at !== null,
      createdAt: r.created_at,
      plans: r.plans ? [...new Set(r.plans.split(","))] : [],
    })),
    next: rows.length > limit && last ? `${last.created_at}.${last.id}` : null,
  };
}
