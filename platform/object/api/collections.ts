import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import type { z } from "zod";
import { documents, files, uniqueValues } from "../../db/do-schema";
import { ensureSearchIndex, indexDocument, parseSearch, searchSql, unindexDocument } from "../search-index";
import { ApiError, badRequest, conflict, forbidden, notFound, payloadTooLarge, unauthorized } from "../../errors";
import { parseWith, readJson } from "../../http/body";
import type { CollectionSpec, Manifest } from "../../manifest/schema";
import { bestCase, bothScopes, type DenyReason, evaluate, listScope, type Subject } from "../../policy/evaluate";
import { allOf, fieldValue, type RuleDocument } from "../../policy/filter";
import { addToCounter, counterKeys, type Db, readCounter } from "../counters";
import { limitCreateRate } from "../create-rate";
import { decodeCursor, encodeCursor, scopeDigest } from "../cursor";
import {
  collectionSchemas,
  compact,
  FILE_ID,
  fieldDefaults,
  ruleDocument,
  SERVER_FIELDS,
  type StoredDocument,
} from "../documents";
import { ensureIndexes } from "../indexes";
import {
  DEFAULTS,
  maxDocumentBytes,
  maxDocumentsPerUser,
  PLATFORM_CAPS,
  quotaAllowance,
  quotasCounting,
} from "../limits";
import { parseListQuery } from "../list-query";
import { assertCapacity, assertReferences, assertTransitions, updateCounts } from "../relations";
import { claimUnique } from "../unique";
import { afterSql, filterSql, orderSql } from "../query";
import { assertWritable, visibleItem } from "../visibility";
import type { AppApiEnv, AppContext } from "./context";

/** `/_api/collections/*`: documents of the collections the app's manifest declares (I2). */
export const collectionRoutes = new Hono<AppApiEnv>();

const NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;
/** One body for "absent" and "not yours" so a probe cannot tell them apart (T11, T12). */
export const hidden = (): ApiError => notFound("No such document.");

export function refuse(reason: DenyReason): ApiError {
  switch (reason) {
    case "unauthenticated":
      return unauthorized("Sign in first.");
    case "unverified":
      return forbidden("Confirm your email address first: open the link we sent you.", "email_unverified");
    case "no_plan":
      return forbidden("This needs a plan that includes it.", "plan_required");
    case "no_purchase":
      return forbidden("This needs a purchase.", "purchase_required");
    case "denied":
      return forbidden("This app does not allow that.");
    case "not_owner":
    case "condition":
      return hidden();
  }
}

/** A create or update whose result the rule does not allow (e.g. `status = "published"` by a non-creator). */
const conditionFailed = (): ApiError =>
  forbidden("This app's rules do not allow a document like this.", "condition_failed");

export function collection(c: AppContext): { name: string; spec: CollectionSpec } {
  const name = c.req.param("name") ?? "";
  const spec =
    NAME.test(name) && Object.hasOwn(c.get("manifest").collections, name)
      ? c.get("manifest").collections[name]
      : undefined;
  if (!spec) throw notFound("No such collection.");
  return { name, spec };
}

export function docId(c: AppContext): string {
  const id = c.req.param("id") ?? "";
  if (!FILE_ID.test(id)) throw hidden();
  return id;
}

/**
 * Reads a document body (nulls kept: in a PATCH they clear a field). Server-managed fields are named and refused before
 * the schema runs (T07).
 */
async function documentBody<T extends z.ZodType>(c: AppContext, schema: T): Promise<Record<string, unknown>> {
  const raw = await readJson(c.req.raw, { limit: c.get("limits").maxBodyBytes });
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const sent = SERVER_FIELDS.filter((f) => Object.hasOwn(raw, f));
    if (sent.length > 0)
      throw badRequest(
        `${sent.join(", ")} ${sent.length > 1 ? "are" : "is"} set by the server and cannot be sent.`,
        "server_managed_field",
      );
  }
  return parseWith(schema, raw) as Record<string, unknown>;
}

function serialize(spec: CollectionSpec, data: Record<string, unknown>): { json: string; bytes: number } {
  const json = JSON.stringify(data);
  const bytes = new TextEncoder().encode(json).byteLength;
  const max = maxDocumentBytes(spec);
  if (bytes > max) throw payloadTooLarge(`The document is ${bytes} bytes; this collection allows at most ${max}.`);
  return { json, bytes };
}

/** File fields may only point at files the writer uploaded to this app. */
export function assertOwnFiles(
  db: Db,
  spec: CollectionSpec,
  data: Record<string, unknown>,
  ownerId: string | null,
): void {
  for (const field of collectionSchemas(spec).fileFields) {
    const id = data[field];
    if (typeof id !== "string") continue;
    const row = ownerId
      ? db
          .select({ id: files.id })
          .from(files)
          .where(and(eq(files.id, id), eq(files.ownerId, ownerId)))
          .get()
      : undefined;
    if (!row) throw badRequest(`${field}: no such file. Upload it first.`, "unknown_file");
  }
}

/** Refuses a create over the collection's per-user limit or any app-wide quota counting it, then counts it (T48). */
export function countCreate(db: Db, manifest: Manifest, name: string, spec: CollectionSpec, subject: Subject): void {
  const own = {
    key: counterKeys.docs(name, subject.userId),
    max: maxDocumentsPerUser(spec, subject.plans),
    what: name,
  };
  const shared = quotasCounting(manifest, name).map((q) => ({
    key: counterKeys.quota(q.id, subject.userId),
    max: quotaAllowance(q, subject.plans),
    what: q.collections.join(" and "),
  }));
  for (const { key, max, what } of [own, ...shared]) {
    if (readCounter(db, key) >= max) {
      throw new ApiError(
        429,
        "quota_exceeded",
        `You have reached the limit of ${max} ${what}. Delete some, or upgrade your plan.`,
      );
    }
  }
  for (const { key } of [own, ...shared]) addToCounter(db, key, 1);
}

function uncountDelete(db: Db, manifest: Manifest, name: string, ownerId: string | null): void {
  addToCounter(db, counterKeys.docs(name, ownerId), -1);
  for (const q of quotasCounting(manifest, name)) addToCounter(db, counterKeys.quota(q.id, ownerId), -1);
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULTS.listLimit;
  if (!/^\d{1,12}$/.test(raw)) throw badRequest("limit must be a whole number from 1 to 100.", "invalid_limit");
  return Math.min(PLATFORM_CAPS.listLimit, Math.max(1, Number(raw)));
}

/** The answer to a write: the document as this caller may read it, or 204 when the read rule hides it (T56). */
function writeAnswer(c: AppContext, spec: CollectionSpec, row: StoredDocument, status: 200 | 201): Response {
  const subject = c.get("subject");
  if (!evaluate(spec.rules.read, subject, ruleDocument(row)).allow) return c.body(null, 204);
  return c.json({ item: visibleItem(spec, subject, row) }, status);
}

collectionRoutes.get("/:name", async (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  // A list shows only what both the list and the read rule allow, narrowed by the caller's where.
  const scope = bothScopes(listScope(spec.rules.list, subject), listScope(spec.rules.read, subject));
  if (scope.kind === "none") throw refuse(scope.reason);
  const limit = parseLimit(c.req.query("limit"));
  const params = new URL(c.req.url).searchParams;
  const query = parseListQuery(spec, params, subject);
  const search = parseSearch(spec, params);
  const filter = allOf([scope.filter, query.where]);
  const bind = { collection: name, scope: await scopeDigest({ f: filter, s: query.sort, q: search }) };
  const cursorParam = c.req.query("cursor");
  const after = cursorParam ? await decodeCursor(c.env.CURSOR_SECRET, bind, cursorParam) : null;
  const store = c.get("store");
  ensureIndexes(store, c.get("manifest"));
  if (search && ensureSearchIndex(store, c.get("manifest")).includes(name))
    throw new ApiError(503, "search_indexing", "Search is being prepared for this list. Try again in a few seconds.");
  // A search is one more AND on the list's own query: it narrows what the rules allow, never widens it (T66).
  const rows = store.db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.collection, name),
        filterSql(filter),
        search ? searchSql(name, search) : undefined,
        after ? afterSql(query.sort, after) : undefined,
      ),
    )
    .orderBy(...orderSql(query.sort))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    const position = { createdAt: last.createdAt, id: last.id };
    const key = query.sort.field === "createdAt" ? {} : { key: fieldValue(ruleDocument(last), query.sort.field) };
    nextCursor = await encodeCursor(c.env.CURSOR_SECRET, bind, { ...position, ...key });
  }
  return c.json({ items: page.map((r) => visibleItem(spec, subject, r)), nextCursor }, 200);
});

collectionRoutes.post("/:name", async (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.create, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const sent = compact(await documentBody(c, collectionSchemas(spec).create));
  const data = { ...fieldDefaults(spec), ...sent };
  // Decided on the document as it will be stored: its owner is the caller, its fields are these. Only what the
  // body names needs writable's permission; a default is the server's.
  const doc: RuleDocument = { ownerId: subject.userId, data };
  assertWritable(spec, subject, Object.keys(sent), doc);
  const decision = evaluate(spec.rules.create, subject, doc);
  if (!decision.allow) throw decision.reason === "condition" ? conditionFailed() : refuse(decision.reason);
  const { json, bytes } = serialize(spec, data);
  const db = c.get("store").db;
  const now = Date.now();
  const row = {
    id: crypto.randomUUID(),
    collection: name,
    ownerId: subject.userId,
    data: json,
    bytes,
    createdAt: now,
    updatedAt: now,
  };
  // Check and write in one synchronous transaction: no other request runs in between (T48).
  const manifest = c.get("manifest");
  if (spec.capacity) ensureIndexes(c.get("store"), manifest);
  db.transaction((tx) => {
    assertOwnFiles(tx, spec, data, subject.userId);
    assertReferences(tx, manifest, spec, subject, data);
    assertCapacity(tx, name, spec, { id: row.id, data });
    countCreate(tx, manifest, name, spec, subject);
    limitCreateRate(c.get("store").sql, name, spec, subject, now);
    tx.insert(documents).values(row).run();
    claimUnique(tx, name, spec, row, data, "all");
    updateCounts(tx, manifest, name, null, data);
    indexDocument(tx, name, spec, row.id, data);
  });
  return writeAnswer(c, spec, row, 201);
});

collectionRoutes.get("/:name/:id", (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.read, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const id = docId(c);
  const row = c
    .get("store")
    .db.select()
    .from(documents)
    .where(and(eq(documents.collection, name), eq(documents.id, id)))
    .get();
  if (!row || !evaluate(spec.rules.read, subject, ruleDocument(row)).allow) throw hidden();
  return c.json({ item: visibleItem(spec, subject, row) }, 200);
});

/** For a document the caller may not change: hidden if they cannot read it either, else a plain 403. */
function denyChange(spec: CollectionSpec, c: AppContext, doc: RuleDocument, reason: DenyReason): ApiError {
  if (!evaluate(spec.rules.read, c.get("subject"), doc).allow) return hidden();
  return reason === "condition"
    ? forbidden("This document cannot be changed that way now.", "condition_failed")
    : forbidden("Only its owner can change this.", "not_owner");
}

collectionRoutes.patch("/:name/:id", async (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.update, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const id = docId(c);
  const patch = await documentBody(c, collectionSchemas(spec).update);
  const db = c.get("store").db;
  const manifest = c.get("manifest");
  if (spec.capacity) ensureIndexes(c.get("store"), manifest);
  const updated = db.transaction((tx) => {
    const row = tx
      .select()
      .from(documents)
      .where(and(eq(documents.collection, name), eq(documents.id, id)))
      .get();
    if (!row) throw hidden();
    // The rule must hold for the document as stored (may you touch it?) and as it will be stored.
    const before = ruleDocument(row);
    const allowed = evaluate(spec.rules.update, subject, before);
    if (!allowed.allow) throw denyChange(spec, c, before, allowed.reason);
    assertWritable(spec, subject, Object.keys(patch), before);
    assertTransitions(spec, before.data, patch);
    const merged = compact({ ...before.data, ...patch });
    if (!evaluate(spec.rules.update, subject, { id: row.id, ownerId: row.ownerId, data: merged }).allow)
      throw conditionFailed();
    const { json, bytes } = serialize(spec, merged);
    assertOwnFiles(tx, spec, patch, subject.userId);
    assertReferences(tx, manifest, spec, subject, patch);
    if (spec.capacity && Object.hasOwn(patch, spec.capacity.field))
      assertCapacity(tx, name, spec, { id: row.id, data: merged });
    claimUnique(tx, name, spec, row, merged, Object.keys(patch));
    updateCounts(tx, manifest, name, before.data, merged);
    const next = { ...row, data: json, bytes, updatedAt: Math.max(Date.now(), row.updatedAt) };
    tx.update(documents).set({ data: json, bytes, updatedAt: next.updatedAt }).where(eq(documents.id, row.id)).run();
    indexDocument(tx, name, spec, row.id, merged);
    return next;
  });
  return writeAnswer(c, spec, updated, 200);
});

collectionRoutes.delete("/:name/:id", (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.delete, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const id = docId(c);
  c.get("store").db.transaction((tx) => {
    const row = tx
      .select()
      .from(documents)
      .where(and(eq(documents.collection, name), eq(documents.id, id)))
      .get();
    if (!row) throw hidden();
    const doc = ruleDocument(row);
    const allowed = evaluate(spec.rules.delete, subject, doc);
    if (!allowed.allow) throw denyChange(spec, c, doc, allowed.reason);
    tx.delete(uniqueValues).where(eq(uniqueValues.documentId, row.id)).run();
    unindexDocument(tx, row.id);
    tx.delete(documents).where(eq(documents.id, row.id)).run();
    uncountDelete(tx, c.get("manifest"), name, row.ownerId);
    updateCounts(tx, c.get("manifest"), name, doc.data, null);
  });
  return c.body(null, 204);
});
