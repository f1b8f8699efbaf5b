import type { AppStore } from "./store";

/**
 * What an export reads out of one app's object, a page at a time in creation order (oldest
 * first, so a re-import keeps the order), each page small enough for one RPC. Allow-listed
 * columns: never password hashes, sessions, email tokens or Stripe customer ids (T59).
 */

export const EXPORT_PAGE = 250;

export interface ExportPage<T> {
  items: T[];
  /** Pass back as `after`; null at the end. */
  next: string | null;
}

export interface ExportedRecord {
  id: string;
  ownerId: string | null;
  /** The stored fields as JSON text; the Worker keeps only the manifest's declared fields. */
  data: string;
  createdAt: number;
  updatedAt: number;
}

export interface ExportedUser {
  id: string;
  email: string;
  verified: boolean;
  createdAt: number;
}

export interface ExportedSubscription {
  id: string;
  userId: string;
  plan: string;
  status: string;
  currentPeriodEnd: number | null;
  updatedAt: number;
}

export interface ExportedFile {
  id: string;
  ownerId: string;
  name: string;
  contentType: string;
  bytes: number;
  createdAt: number;
}

export interface ExportCounts {
  users: number;
  documents: number;
  files: number;
  fileBytes: number;
}

/** `<createdAt>.<id>` of the last row seen. */
function parseAfter(after: string | null): { at: number; id: string } | null {
  const m = after ? /^(\d{1,16})\.([\w-]{1,80})$/.exec(after) : null;
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

function page<T extends { id: string; createdAt: number }>(rows: T[]): ExportPage<T> {
  const items = rows.slice(0, EXPORT_PAGE);
  const last = items.at(-1);
  return { items, next: rows.length > EXPORT_PAGE && last ? `${last.createdAt}.${last.id}` : null };
}

/** Rows of `table` after the cursor, oldest first; `where` narrows further (bound first). */
function rowsAfter<T>(
  store: AppStore,
  sql: { select: string; table: string; where?: string; bind?: unknown[] },
  after: string | null,
): T[] {
  const at = parseAfter(after);
  const conditions = [sql.where, at ? "(created_at > ? OR (created_at = ? AND id > ?))" : undefined].filter(Boolean);
  return store.sql
    .exec(
      `SELECT ${sql.select} FROM ${sql.table} ${conditions.length ? `WHERE ${conditions.join(" AND ")}` : ""}
       ORDER BY created_at, id LIMIT ?`,
      ...(sql.bind ?? []),
      ...(at ? [at.at, at.at, at.id] : []),
      EXPORT_PAGE + 1,
    )
    .toArray() as T[];
}

export function exportRecords(store: AppStore, collection: string, after: string | null): ExportPage<ExportedRecord> {
  return page(
    rowsAfter<ExportedRecord>(
      store,
      {
        select: "id, owner_id AS ownerId, data, created_at AS createdAt, updated_at AS updatedAt",
        table: "documents",
        where: "collection = ?",
        bind: [collection],
      },
      after,
    ),
  );
}

export function exportUsers(store: AppStore, after: string | null): ExportPage<ExportedUser> {
  const rows = rowsAfter<{ id: string; email: string; verifiedAt: number | null; createdAt: number }>(
    store,
    { select: "id, email, email_verified_at AS verifiedAt, created_at AS createdAt", table: "users" },
    after,
  );
  const p = page(rows);
  return {
    items: p.items.map((u) => ({ id: u.id, email: u.email, verified: u.verifiedAt !== null, createdAt: u.createdAt })),
    next: p.next,
  };
}

export function exportFiles(store: AppStore, after: string | null): ExportPage<ExportedFile> {
  return page(
    rowsAfter<ExportedFile>(
      store,
      {
        select: "id, owner_id AS ownerId, name, content_type AS contentType, bytes, created_at AS createdAt",
        table: "files",
      },
      after,
    ),
  );
}

/** Subscriptions have no creation time; their ids (Stripe's) order them, a page at a time. */
export function exportSubscriptions(store: AppStore, after: string | null): ExportPage<ExportedSubscription> {
  const rows = store.sql
    .exec(
      `SELECT id, user_id AS userId, plan, status, current_period_end AS currentPeriodEnd, updated_at AS updatedAt
       FROM subscriptions ${after ? "WHERE id > ?" : ""} ORDER BY id LIMIT ?`,
      ...(after ? [after] : []),
      EXPORT_PAGE + 1,
    )
    .toArray() as unknown as ExportedSubscription[];
  const items = rows.slice(0, EXPORT_PAGE);
  return { items, next: rows.length > EXPORT_PAGE ? (items.at(-1)?.id ?? null) : null };
}

export function exportCounts(store: AppStore): ExportCounts {
  const one = (q: string): number => Number(store.sql.exec(q).one().n ?? 0);
  return {
    users: one("SELECT count(*) AS n FROM users"),
    documents: one("SELECT count(*) AS n FROM documents"),
    files: one("SELECT count(*) AS n FROM files"),
    fileBytes: one("SELECT coalesce(sum(bytes), 0) AS n FROM files"),
  };
}
