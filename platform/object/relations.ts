import { and, eq, sql } from "drizzle-orm";
import { documents } from "../db/do-schema";
import { type ApiError, badRequest, conflict } from "../errors";
import type { CollectionSpec, Manifest } from "../manifest/schema";
import { evaluate, type Subject } from "../policy/evaluate";
import type { Db } from "./counters";
import { collectionSchemas, ruleDocument } from "./documents";
import { fieldExpression } from "./query";

/**
 * What a write checks and keeps across documents, inside the write's one synchronous transaction
 * (no other request of the app runs in between, so checks and writes are atomic under any
 * concurrency, T61): references point at documents the writer may read (T62), capacity caps the
 * documents per value of a field (T61), transitions limit how a select field moves (T63), and
 * counts on referenced documents follow every create, move and delete (T64).
 */

/** One answer for "absent" and "not yours to read": the writer learns nothing about the target (T62). */
const unknownReference = (field: string, collection: string): ApiError =>
  badRequest(`${field}: no such document in ${collection}.`, "unknown_reference");

function readRow(db: Db, collection: string, id: string): typeof documents.$inferSelect | undefined {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.collection, collection), eq(documents.id, id)))
    .get();
}

/** Every reference the write sets must name a document of its collection that the subject's read rule allows. */
export function assertReferences(
  db: Db,
  manifest: Manifest,
  spec: CollectionSpec,
  subject: Subject,
  data: Record<string, unknown>,
): void {
  for (const { field, collection } of collectionSchemas(spec).referenceFields) {
    const id = data[field];
    if (typeof id !== "string") continue;
    const target = Object.hasOwn(manifest.collections, collection) ? manifest.collections[collection] : undefined;
    const row = target ? readRow(db, collection, id) : undefined;
    if (!target || !row || !evaluate(target.rules.read, subject, ruleDocument(row)).allow)
      throw unknownReference(field, collection);
  }
}

/** The most documents one value of the capacity field may have: `max`, or the referenced document's `maxFrom`. */
function capacityOf(db: Db, spec: CollectionSpec, value: unknown): number {
  const cap = spec.capacity;
  if (!cap) return Number.POSITIVE_INFINITY;
  if (cap.max !== undefined) return cap.max;
  const field = spec.fields[cap.field];
  if (field?.type !== "reference" || typeof value !== "string" || cap.maxFrom === undefined) return 0;
  const row = readRow(db, field.collection, value);
  const n = row ? ruleDocument(row).data[cap.maxFrom] : undefined;
  // No number on the referenced document means no room: a missing capacity never means unlimited.
  return typeof n === "number" ? n : 0;
}

/**
 * Refuses (409 `capacity_reached`) a document that would be one too many for its value of the
 * capacity field. Counted with the index on that field (indexes.ts), the document itself excluded.
 */
export function assertCapacity(
  db: Db,
  name: string,
  spec: CollectionSpec,
  doc: { id: string; data: Record<string, unknown> },
): void {
  const cap = spec.capacity;
  if (!cap) return;
  const value = doc.data[cap.field];
  if (value === undefined || value === null) return;
  const max = capacityOf(db, spec, value);
  const bound = typeof value === "boolean" ? Number(value) : (value as string | number);
  const row = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM documents
        WHERE collection = ${name} AND ${sql.raw(fieldExpression(cap.field))} = ${bound} AND id != ${doc.id}`,
  );
  if ((row?.n ?? 0) >= max) throw conflict(`No room left: ${name} for this ${cap.field} are full.`, "capacity_reached");
}

/** A select field listed in `transitions` may only move along its declared edges (a first value is free). */
export function assertTransitions(
  spec: CollectionSpec,
  before: Record<string, unknown>,
  patch: Record<string, unknown>,
): void {
  for (const [field, moves] of Object.entries(spec.transitions ?? {})) {
    if (!Object.hasOwn(patch, field)) continue;
    const from = before[field];
    const to = patch[field];
    if (from === to || typeof from !== "string") continue;
    const allowed = Object.hasOwn(moves, from) ? (moves[from] ?? []) : [];
    if (typeof to !== "string" || !allowed.includes(to))
      throw badRequest(
        `${field} cannot change from "${from}" to ${JSON.stringify(to)}` +
          (allowed.length > 0 ? ` (only to ${allowed.map((a) => `"${a}"`).join(", ")}).` : "."),
        "transition_not_allowed",
      );
  }
}

/** The counts other collections keep through references to `collection`, as (target, count, by) triples. */
function countsFed(manifest: Manifest, collection: string): Array<{ target: string; count: string; by: string }> {
  const out: Array<{ target: string; count: string; by: string }> = [];
  for (const [target, spec] of Object.entries(manifest.collections)) {
    for (const [count, c] of Object.entries(spec.counts ?? {}))
      if (c.collection === collection) out.push({ target, count, by: c.by });
  }
  return out;
}

const COUNT_NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;

function bump(db: Db, target: string, count: string, id: unknown, delta: number): void {
  if (typeof id !== "string") return;
  if (!COUNT_NAME.test(count)) throw new Error(`not a count name: ${JSON.stringify(count)}`);
  // The count lives in the target's stored JSON, where no body may name it (it is not a field).
  const path = sql.raw(`'$.${count}'`);
  db.run(
    sql`UPDATE documents SET data = json_set(data, ${path}, max(0, coalesce(json_extract(data, ${path}), 0) + ${delta}))
        WHERE collection = ${target} AND id = ${id}`,
  );
}

/**
 * Moves the counts a document of `collection` feeds from its old data to its new data: a create
 * passes `before: null`, a delete `after: null`, an update both (a vote moved to another answer).
 */
export function updateCounts(
  db: Db,
  manifest: Manifest,
  collection: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): void {
  for (const { target, count, by } of countsFed(manifest, collection)) {
    const was = before?.[by];
    const is = after?.[by];
    if (was === is) continue;
    bump(db, target, count, was, -1);
    bump(db, target, count, is, 1);
  }
}
