import { Hono } from "hono";
import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { documents, files, uniqueValues } from "../../db/do-schema";
import { ApiError, badRequest, conflict, forbidden, notFound, payloadTooLarge, unauthorized } from "../../errors";
import { parseWith, readJson } from "../../http/body";
import type { CollectionSpec } from "../../manifest/schema";
import { bestCase, evaluate, listScope, type DenyReason, type ListScope } from "../../policy/evaluate";
import type { AppApiEnv, AppContext } from "./context";
import { addToCounter, counterKeys, readCounter, type Db } from "../counters";
import { decodeCursor, encodeCursor } from "../cursor";
import { collectionSchemas, compact, FILE_ID, SERVER_FIELDS, toItem } from "../documents";
import { DEFAULTS, maxDocumentBytes, maxDocumentsPerUser, PLATFORM_CAPS } from "../limits";

/** `/_api/collections/*`: documents of the collections the app's manifest declares (I2). */
export const collectionRoutes = new Hono<AppApiEnv>();

const NAME = /^[a-z][a-zA-Z0-9_]{0,39}$/;
/** One body for "absent" and "not yours" so a probe cannot tell them apart (T11, T12). */
const hidden = (): ApiError => notFound("No such document.");

function refuse(reason: DenyReason): ApiError {
  switch (reason) {
    case "unauthenticated":
      return unauthorized("Sign in first.");
    case "no_plan":
      return forbidden("This needs a plan that includes it.", "plan_required");
    case "denied":
      return forbidden("This app does not allow that.");
    case "not_owner":
      return hidden();
  }
}

function collection(c: AppContext): { name: string; spec: CollectionSpec } {
  const name = c.req.param("name") ?? "";
  const spec = NAME.test(name) && Object.hasOwn(c.get("manifest").collections, name) ? c.get("manifest").collections[name] : undefined;
  if (!spec) throw notFound("No such collection.");
  return { name, spec };
}

function docId(c: AppContext): string {
  const id = c.req.param("id") ?? "";
  if (!FILE_ID.test(id)) throw hidden();
  return id;
}

/** Reads a document body (nulls kept: in a PATCH they clear a field). Server-managed fields are named and refused before the schema runs (T07). */
async function documentBody<T extends z.ZodType>(c: AppContext, schema: T): Promise<Record<string, unknown>> {
  const raw = await readJson(c.req.raw, { limit: c.get("limits").maxBodyBytes });
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
    const sent = SERVER_FIELDS.filter((f) => Object.hasOwn(raw, f));
    if (sent.length > 0) throw badRequest(`${sent.join(", ")} ${sent.length > 1 ? "are" : "is"} set by the server and cannot be sent.`, "server_managed_field");
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
function assertOwnFiles(db: Db, spec: CollectionSpec, data: Record<string, unknown>, ownerId: string | null): void {
  for (const field of collectionSchemas(spec).fileFields) {
    const id = data[field];
    if (typeof id !== "string") continue;
    const row = ownerId ? db.select({ id: files.id }).from(files).where(and(eq(files.id, id), eq(files.ownerId, ownerId))).get() : undefined;
    if (!row) throw badRequest(`${field}: no such file. Upload it first.`, "unknown_file");
  }
}

/** Claims each unique field's value for this document; a taken value is a 409 and rolls back. */
function claimUnique(db: Db, name: string, spec: CollectionSpec, documentId: string, data: Record<string, unknown>, changed: readonly string[]): void {
  for (const field of spec.unique ?? []) {
    if (!changed.includes(field)) continue;
    db.delete(uniqueValues).where(and(eq(uniqueValues.collection, name), eq(uniqueValues.field, field), eq(uniqueValues.documentId, documentId))).run();
    if (data[field] === undefined) continue;
    const value = JSON.stringify(data[field]);
    const taken = db.select().from(uniqueValues).where(and(eq(uniqueValues.collection, name), eq(uniqueValues.field, field), eq(uniqueValues.value, value))).get();
    if (taken) throw conflict(`Another document in ${name} already has this ${field}.`, "unique_violation");
    db.insert(uniqueValues).values({ collection: name, field, value, documentId }).run();
  }
}

/** A list may show only what both the list and the read rule allow. */
function effectiveScope(spec: CollectionSpec, c: AppContext): ListScope {
  const subject = c.get("subject");
  const list = listScope(spec.rules.list, subject);
  const read = listScope(spec.rules.read, subject);
  if (list.kind === "none") return list;
  if (read.kind === "none") return read;
  return list.kind === "owner" ? list : read;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULTS.listLimit;
  if (!/^\d{1,12}$/.test(raw)) throw badRequest("limit must be a whole number from 1 to 100.", "invalid_limit");
  return Math.min(PLATFORM_CAPS.listLimit, Math.max(1, Number(raw)));
}

collectionRoutes.get("/:name", async (c) => {
  const { name, spec } = collection(c);
  const scope = effectiveScope(spec, c);
  if (scope.kind === "none") throw refuse(scope.reason);
  const limit = parseLimit(c.req.query("limit"));
  const bind = { collection: name, scope: scope.kind === "owner" ? `owner:${scope.ownerId}` : "all" };
  const cursorParam = c.req.query("cursor");
  const after = cursorParam ? await decodeCursor(c.env.CURSOR_SECRET, bind, cursorParam) : null;
  const where: SQL[] = [eq(documents.collection, name)];
  if (scope.kind === "owner") where.push(eq(documents.ownerId, scope.ownerId));
  if (after) where.push(or(gt(documents.createdAt, after.createdAt), and(eq(documents.createdAt, after.createdAt), gt(documents.id, after.id)))!);
  const rows = c.get("store").db.select().from(documents).where(and(...where)).orderBy(asc(documents.createdAt), asc(documents.id)).limit(limit + 1).all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? await encodeCursor(c.env.CURSOR_SECRET, bind, last) : null;
  return c.json({ items: page.map((r) => toItem(spec, r)), nextCursor }, 200);
});

collectionRoutes.post("/:name", async (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const decision = evaluate(spec.rules.create, subject, subject.userId === null ? undefined : { ownerId: subject.userId });
  if (!decision.allow) throw refuse(decision.reason);
  const data = compact(await documentBody(c, collectionSchemas(spec).create));
  const { json, bytes } = serialize(spec, data);
  const db = c.get("store").db;
  const now = Date.now();
  const row = { id: crypto.randomUUID(), collection: name, ownerId: subject.userId, data: json, bytes, createdAt: now, updatedAt: now };
  // Check and write in one synchronous transaction: no other request runs in between (T48).
  db.transaction((tx) => {
    assertOwnFiles(tx, spec, data, subject.userId);
    const quota = maxDocumentsPerUser(spec, subject.plans);
    const key = counterKeys.docs(name, subject.userId);
    if (readCounter(tx, key) >= quota) {
      throw new ApiError(429, "quota_exceeded", `You have reached the limit of ${quota} documents in ${name}. Delete some, or upgrade your plan.`);
    }
    tx.insert(documents).values(row).run();
    claimUnique(tx, name, spec, row.id, data, spec.unique ?? []);
    addToCounter(tx, key, 1);
  });
  return c.json({ item: toItem(spec, row) }, 201);
});

collectionRoutes.get("/:name/:id", (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.read, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const id = docId(c);
  const row = c.get("store").db.select().from(documents).where(and(eq(documents.collection, name), eq(documents.id, id))).get();
  if (!row || !evaluate(spec.rules.read, subject, row).allow) throw hidden();
  return c.json({ item: toItem(spec, row) }, 200);
});

/** For a record the caller may not change: hidden if they cannot read it either, else a plain 403. */
function denyChange(spec: CollectionSpec, c: AppContext, row: { ownerId: string | null }): ApiError {
  return evaluate(spec.rules.read, c.get("subject"), row).allow ? forbidden("Only its owner can change this.", "not_owner") : hidden();
}

collectionRoutes.patch("/:name/:id", async (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.update, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const id = docId(c);
  const patch = await documentBody(c, collectionSchemas(spec).update);
  const db = c.get("store").db;
  const item = db.transaction((tx) => {
    const row = tx.select().from(documents).where(and(eq(documents.collection, name), eq(documents.id, id))).get();
    if (!row) throw hidden();
    if (!evaluate(spec.rules.update, subject, row).allow) throw denyChange(spec, c, row);
    const merged = compact({ ...(JSON.parse(row.data) as Record<string, unknown>), ...patch });
    const { json, bytes } = serialize(spec, merged);
    assertOwnFiles(tx, spec, patch, subject.userId);
    claimUnique(tx, name, spec, row.id, merged, Object.keys(patch));
    const updated = { ...row, data: json, bytes, updatedAt: Math.max(Date.now(), row.updatedAt) };
    tx.update(documents).set({ data: json, bytes, updatedAt: updated.updatedAt }).where(eq(documents.id, row.id)).run();
    return toItem(spec, updated);
  });
  return c.json({ item }, 200);
});

collectionRoutes.delete("/:name/:id", (c) => {
  const { name, spec } = collection(c);
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.delete, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const id = docId(c);
  c.get("store").db.transaction((tx) => {
    const row = tx.select().from(documents).where(and(eq(documents.collection, name), eq(documents.id, id))).get();
    if (!row) throw hidden();
    if (!evaluate(spec.rules.delete, subject, row).allow) throw denyChange(spec, c, row);
    tx.delete(uniqueValues).where(eq(uniqueValues.documentId, row.id)).run();
    tx.delete(documents).where(eq(documents.id, row.id)).run();
    addToCounter(tx, counterKeys.docs(name, row.ownerId), -1);
  });
  return c.body(null, 204);
});
