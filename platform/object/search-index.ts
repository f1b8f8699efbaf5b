import { eq, type SQL, sql } from "drizzle-orm";
import { documents, searchTerms } from "../db/do-schema";
import { badRequest } from "../errors";
import type { CollectionSpec, Manifest } from "../manifest/schema";
import type { Db } from "./counters";
import type { AppStore } from "./store";

/**
 * Simple search (docs/app-api.md#search): the words of a collection's `searchable` text fields in
 * an ordinary table, `(collection, term, document_id)`, so a prefix is a range seek on its primary
 * key. workerd's SQLite has FTS5, but a virtual table cannot take part in foreign keys: this table
 * loses a document's words in the same statement that deletes it, and a search is one more `AND`
 * on the list's own query, so it can only narrow what the list's rules already allow (T66).
 */

export const MAX_QUERY_WORDS = 6;
export const MAX_QUERY_LENGTH = 200;
/** Longer words are cut: prefix search still finds them, and the index stays small. */
export const MAX_TERM_LENGTH = 32;
/** A document's words beyond this are not indexed (a 64 KiB body is a few thousand words). */
export const MAX_TERMS_PER_DOCUMENT = 2000;

/** Lower case, accents folded, split on anything that is not a letter or a digit. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => [...w].slice(0, MAX_TERM_LENGTH).join(""));
}

function documentTerms(spec: CollectionSpec, data: Record<string, unknown>): string[] {
  const out = new Set<string>();
  for (const field of spec.searchable ?? []) {
    const v = data[field];
    if (typeof v !== "string") continue;
    for (const w of words(v)) {
      if (out.size >= MAX_TERMS_PER_DOCUMENT) break;
      out.add(w);
    }
  }
  return [...out];
}

/** Replaces a document's words; called in the transaction that writes the document. */
export function indexDocument(
  db: Db,
  name: string,
  spec: CollectionSpec,
  documentId: string,
  data: Record<string, unknown>,
): void {
  if (!spec.searchable?.length) return;
  db.delete(searchTerms).where(eq(searchTerms.documentId, documentId)).run();
  const terms = documentTerms(spec, data);
  // Small batches: a statement holds at most 100 bound values in a Durable Object's SQLite.
  for (let i = 0; i < terms.length; i += 30) {
    const rows = terms.slice(i, i + 30).map((term) => ({ collection: name, term, documentId }));
    db.insert(searchTerms).values(rows).onConflictDoNothing().run();
  }
}

export function unindexDocument(db: Db, documentId: string): void {
  db.delete(searchTerms).where(eq(searchTerms.documentId, documentId)).run();
}

/** The words of `?q=`, each a prefix every result must have a word starting with. Null: no search. */
export function parseSearch(spec: CollectionSpec, params: URLSearchParams): string[] | null {
  const given = [...params.getAll("q"), ...params.getAll("search")];
  if (given.length === 0) return null;
  if (!spec.searchable?.length)
    throw badRequest("This collection cannot be searched (it declares no searchable fields).", "invalid_search");
  if (given.length > 1) throw badRequest("q may be given once.", "invalid_search");
  const raw = given[0] as string;
  if (raw.length > MAX_QUERY_LENGTH)
    throw badRequest(`q may be at most ${MAX_QUERY_LENGTH} characters.`, "invalid_search");
  const terms = [...new Set(words(raw))];
  if (terms.length > MAX_QUERY_WORDS)
    throw badRequest(`q may hold at most ${MAX_QUERY_WORDS} words.`, "invalid_search");
  return terms;
}

/**
 * `term >= prefix AND term < prefix + U+10FFFF`: a seek on the primary key, never a scan. A search
 * without a single word (`?q=%`) finds nothing rather than everything.
 */
export function searchSql(name: string, terms: readonly string[]): SQL {
  if (terms.length === 0) return sql`0`;
  const parts = terms.map(
    (t) =>
      sql`${documents.id} IN (SELECT document_id FROM search_terms
        WHERE collection = ${name} AND term >= ${t} AND term < ${`${t}\u{10FFFF}`})`,
  );
  return sql`(${sql.join(parts, sql` AND `)})`;
}

/** Documents indexed per request while an index is rebuilt: about a second of work at most. */
export const REINDEX_BATCH = 2000;

/** Indexes the next `batch` documents of one collection after `after`; null once it is done. */
function reindexBatch(
  sql: SqlStorage,
  name: string,
  spec: CollectionSpec,
  after: { createdAt: number; id: string } | null,
  batch: number,
): { after: { createdAt: number; id: string } | null; count: number } {
  const rows = sql
    .exec<{ id: string; data: string; created_at: number }>(
      `SELECT id, data, created_at FROM documents WHERE collection = ?
       AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`,
      name,
      after?.createdAt ?? Number.MIN_SAFE_INTEGER,
      after?.id ?? "",
      batch,
    )
    .toArray();
  for (const row of rows) {
    for (const term of documentTerms(spec, JSON.parse(row.data) as Record<string, unknown>))
      sql.exec(
        "INSERT OR IGNORE INTO search_terms (collection, term, document_id) VALUES (?, ?, ?)",
        name,
        term,
        row.id,
      );
  }
  const last = rows[rows.length - 1];
  const next = rows.length < batch || !last ? null : { createdAt: last.created_at, id: last.id };
  return { after: next, count: rows.length };
}

const SIGNATURE_KEY = "search:signature";
const JOB_KEY = "search:rebuild";
const current = new WeakMap<AppStore, string>();

/** A rebuild in progress: the signature it builds, the collections still to index, and where it is in the first. */
interface RebuildJob {
  target: string;
  queue: string[];
  after: { createdAt: number; id: string } | null;
}

function signatureOf(manifest: Manifest): string {
  return JSON.stringify(
    Object.entries(manifest.collections)
      .filter(([, c]) => c.searchable?.length)
      .map(([n, c]) => [n, c.searchable]),
  );
}

/** Drops the words of collections whose searchable fields changed (or that went), and queues the rest for indexing. */
function startRebuild(store: AppStore, manifest: Manifest, stored: string | undefined, target: string): RebuildJob {
  const before = new Map<string, unknown>(stored ? (JSON.parse(stored) as [string, unknown][]) : []);
  const queue: string[] = [];
  store.transactionSync(() => {
    for (const [name, spec] of Object.entries(manifest.collections)) {
      const now = spec.searchable?.length ? spec.searchable : null;
      if (JSON.stringify(before.get(name) ?? null) === JSON.stringify(now)) continue;
      store.sql.exec("DELETE FROM search_terms WHERE collection = ?", name);
      if (now) queue.push(name);
    }
    for (const name of before.keys())
      if (!Object.hasOwn(manifest.collections, name))
        store.sql.exec("DELETE FROM search_terms WHERE collection = ?", name);
  });
  return { target, queue, after: null };
}

/**
 * The index follows the manifest: when a publish changes which fields are searchable, the changed
 * collections are indexed again from what is stored, `batch` documents per call, so no request
 * holds the app's object for long. Returns the collections not searchable yet (the route answers
 * 503 `search_indexing` for those); writes meanwhile index themselves as usual.
 */
export function ensureSearchIndex(
  store: AppStore,
  manifest: Manifest,
  options: { batch?: number } = {},
): readonly string[] {
  const wanted = signatureOf(manifest);
  if (current.get(store) === wanted) return [];
  const stored = store.kv.get<string>(SIGNATURE_KEY);
  if (stored === wanted) {
    current.set(store, wanted);
    return [];
  }
  const saved = store.kv.get<RebuildJob>(JOB_KEY);
  const job = saved?.target === wanted ? saved : startRebuild(store, manifest, stored, wanted);
  store.transactionSync(() => {
    // One budget of documents per call, across the queued collections (an empty one costs nothing).
    let budget = options.batch ?? REINDEX_BATCH;
    while (budget > 0 && job.queue.length > 0) {
      const name = job.queue[0] as string;
      const spec = manifest.collections[name];
      if (!spec) {
        job.queue.shift();
        continue;
      }
      const done = reindexBatch(store.sql, name, spec, job.after, budget);
      budget -= done.count;
      job.after = done.after;
      if (done.after === null) job.queue.shift();
    }
    if (job.queue.length === 0) {
      store.kv.delete(JOB_KEY);
      store.kv.put(SIGNATURE_KEY, wanted);
    } else store.kv.put(JOB_KEY, job);
  });
  if (job.queue.length === 0) current.set(store, wanted);
  return job.queue;
}
