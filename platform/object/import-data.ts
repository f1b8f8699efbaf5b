import { indexDocument } from "./search-index";
import { z } from "zod";
import { emailSchema } from "../auth/schemas";
import { documents, files, users } from "../db/do-schema";
import { ApiError } from "../errors";
import type { Manifest } from "../manifest/schema";
import { assertOwnFiles, countCreate } from "./api/collections";
import { addToCounter, counterKeys, readCounter } from "./counters";
import { collectionSchemas, compact, FILE_ID } from "./documents";
import { type AppLimits, maxDocumentBytes } from "./limits";
import { updateCounts } from "./relations";
import { claimUnique } from "./unique";
import type { AppStore } from "./store";

/**
 * The object's half of an import (worker/studio/exports.ts drives it): users, then file records,
 * then documents, each checked as the app's own routes would check it. Ids are kept, so owner
 * links and file fields still point where they did, and a row already here with the same id is
 * skipped: running the same export again changes nothing. Only a NEW app takes an import: one
 * that has users, documents or files of its own is refused (T59).
 */

/** Never a valid argon2id PHC string: nobody signs in with a password until they reset it. */
export const NO_PASSWORD = "!imported:reset-required";

const STATE_KEY = "import:state";
const MAX_TIME = 8_640_000_000_000_000;
const time = z.number().int().min(0).max(MAX_TIME);
const userId = z.string().regex(/^[\w-]{1,80}$/);

export const importedUserSchema = z.object({ id: userId, email: emailSchema, verified: z.boolean(), createdAt: time });
export const importedFileSchema = z.object({
  id: z.string().regex(FILE_ID),
  ownerId: userId,
  name: z.string().min(1).max(200),
  contentType: z.string().max(100),
  bytes: z.number().int().min(1),
  createdAt: time,
});
export const importedRecordSchema = z
  .object({ id: z.string().regex(FILE_ID), ownerId: userId.nullable(), createdAt: time, updatedAt: time })
  .catchall(z.unknown());

export type ImportedUser = z.infer<typeof importedUserSchema>;
export type ImportedFile = z.infer<typeof importedFileSchema>;

export interface Rejection {
  what: string;
  id: string;
  code: string;
  message: string;
}

export interface BatchOutcome {
  imported: number;
  skipped: number;
  rejected: Rejection[];
}

export type ImportStart =
  | { kind: "started" }
  /** The same export was started here before (and may have been cut short): it carries on, skipping what is in. */
  | { kind: "resumed" }
  | { kind: "refused"; code: "not_empty" | "already_imported"; message: string };

interface ImportState {
  exportId: string;
  startedAt: number;
  finishedAt: number | null;
}

const has = (store: AppStore, table: string): boolean =>
  store.sql.exec(`SELECT 1 AS x FROM ${table} LIMIT 1`).toArray().length > 0;

export function beginImport(store: AppStore, exportId: string, now: number): ImportStart {
  const state = store.kv.get<ImportState>(STATE_KEY);
  if (state && state.exportId !== exportId)
    return {
      kind: "refused",
      code: "already_imported",
      message: "This app already holds another import. Create a new app to import this export.",
    };
  if (state) return { kind: "resumed" };
  if (has(store, "users") || has(store, "documents") || has(store, "files"))
    return {
      kind: "refused",
      code: "not_empty",
      message: "Import only goes into a new app with no users or data yet. Create a new app of the same template.",
    };
  store.kv.put<ImportState>(STATE_KEY, { exportId, startedAt: now, finishedAt: null });
  return { kind: "started" };
}

export function finishImport(store: AppStore, now: number): void {
  const state = store.kv.get<ImportState>(STATE_KEY);
  if (state) store.kv.put<ImportState>(STATE_KEY, { ...state, finishedAt: now });
}

function rejection(what: string, id: unknown, err: unknown): Rejection {
  const shown = typeof id === "string" ? id.slice(0, 80) : "?";
  if (err instanceof ApiError) return { what, id: shown, code: err.code, message: err.message };
  if (err instanceof z.ZodError)
    return { what, id: shown, code: "invalid", message: err.issues[0]?.message ?? "invalid" };
  return { what, id: shown, code: "invalid", message: "This entry could not be imported." };
}

const userExists = (store: AppStore, id: string): boolean =>
  store.sql.exec("SELECT 1 AS x FROM users WHERE id = ?", id).toArray().length > 0;

export function importUsers(store: AppStore, batch: unknown[]): BatchOutcome {
  const out: BatchOutcome = { imported: 0, skipped: 0, rejected: [] };
  for (const raw of batch) {
    const parsed = importedUserSchema.safeParse(raw);
    const id = (raw as { id?: unknown } | null)?.id;
    if (!parsed.success) {
      out.rejected.push(rejection("user", id, parsed.error));
      continue;
    }
    const u = parsed.data;
    const existing = store.sql.exec<{ id: string }>("SELECT id FROM users WHERE id = ? OR email = ?", u.id, u.email);
    const rows = existing.toArray();
    if (rows.some((r) => r.id === u.id)) {
      out.skipped++;
      continue;
    }
    if (rows.length > 0) {
      out.rejected.push({ what: "user", id: u.id, code: "email_taken", message: "Another user has this email." });
      continue;
    }
    store.db
      .insert(users)
      .values({
        id: u.id,
        email: u.email,
        passwordHash: NO_PASSWORD,
        emailVerifiedAt: u.verified ? u.createdAt : null,
        createdAt: u.createdAt,
      })
      .run();
    out.imported++;
  }
  return out;
}

export type FileRecordOutcome = { kind: "imported" } | { kind: "skipped" } | { kind: "rejected"; rejection: Rejection };

/**
 * Records one file before the Worker writes its bytes to R2 (as an upload reserves its bytes
 * first): type and size checked against the app's limits, the owner's and the app's storage
 * allowance counted. `contentType` and `bytes` are what the Worker measured, not what the export claims.
 */
export function importFileRecord(store: AppStore, raw: unknown, limits: AppLimits): FileRecordOutcome {
  const parsed = importedFileSchema.safeParse(raw);
  const id = (raw as { id?: unknown } | null)?.id;
  if (!parsed.success) return { kind: "rejected", rejection: rejection("file", id, parsed.error) };
  const f = parsed.data;
  const reject = (code: string, message: string): FileRecordOutcome => ({
    kind: "rejected",
    rejection: { what: "file", id: f.id, code, message },
  });
  if (store.sql.exec("SELECT 1 AS x FROM files WHERE id = ?", f.id).toArray().length > 0) return { kind: "skipped" };
  if (!userExists(store, f.ownerId)) return reject("unknown_owner", "Its owner is not among the imported users.");
  if (!limits.fileTypes.includes(f.contentType))
    return reject("unsupported_media_type", `This app accepts ${limits.fileTypes.join(", ")} files.`);
  if (f.bytes > limits.maxFileBytes) return reject("payload_too_large", `Larger than ${limits.maxFileBytes} bytes.`);
  return store.db.transaction((tx) => {
    if (readCounter(tx, counterKeys.userBytes(f.ownerId)) + f.bytes > limits.storageBytesPerUser)
      return reject("quota_exceeded", "Past its owner's storage limit.");
    if (readCounter(tx, counterKeys.appBytes) + f.bytes > limits.storageBytesPerApp)
      return reject("quota_exceeded", "Past this app's storage limit.");
    tx.insert(files).values(f).run();
    addToCounter(tx, counterKeys.userBytes(f.ownerId), f.bytes);
    addToCounter(tx, counterKeys.appBytes, f.bytes);
    return { kind: "imported" } as const;
  });
}

/**
 * Documents of one collection: the manifest's schema (strict: no undeclared or server field),
 * its size cap, unique fields, file fields pointing at the owner's own files, and the per-user
 * and app-wide counts, exactly as a create would. Imported users hold no plan (subscriptions are
 * not imported), so plan-raised limits do not apply. Create rules are not re-run: the records
 * were written under them in the app they came from, and may since have changed as updates allow.
 */
export function importDocuments(
  store: AppStore,
  manifest: Manifest,
  collection: string,
  batch: unknown[],
): BatchOutcome {
  const out: BatchOutcome = { imported: 0, skipped: 0, rejected: [] };
  const spec = Object.hasOwn(manifest.collections, collection) ? manifest.collections[collection] : undefined;
  if (!spec) {
    out.rejected.push({ what: collection, id: "*", code: "unknown_collection", message: "Not in this template." });
    return out;
  }
  const schemas = collectionSchemas(spec);
  for (const raw of batch) {
    const id = (raw as { id?: unknown } | null)?.id;
    try {
      const meta = importedRecordSchema.parse(raw);
      const { id: docId, ownerId, createdAt, updatedAt, ...exported } = meta;
      // Counts are the server's: an export carries them, an import recounts them from the documents it brings.
      const fields = Object.fromEntries(Object.entries(exported).filter(([k]) => !Object.hasOwn(spec.counts ?? {}, k)));
      const data = compact(schemas.create.parse(fields) as Record<string, unknown>);
      const json = JSON.stringify(data);
      const bytes = new TextEncoder().encode(json).byteLength;
      if (bytes > maxDocumentBytes(spec))
        throw new ApiError(413, "payload_too_large", `Larger than ${maxDocumentBytes(spec)} bytes.`);
      const inserted = store.db.transaction((tx) => {
        const there = store.sql.exec<{ collection: string }>("SELECT collection FROM documents WHERE id = ?", docId);
        const row = there.toArray()[0];
        if (row && row.collection === collection) return false;
        if (row) throw new ApiError(409, "id_taken", "Another collection has a record with this id.");
        if (ownerId !== null && !userExists(store, ownerId))
          throw new ApiError(400, "unknown_owner", "Its owner is not among the imported users.");
        assertOwnFiles(tx, spec, data, ownerId);
        countCreate(tx, manifest, collection, spec, { userId: ownerId, plans: [] });
        tx.insert(documents)
          .values({
            id: docId,
            collection,
            ownerId,
            data: json,
            bytes,
            createdAt,
            updatedAt: Math.max(createdAt, updatedAt),
          })
          .run();
        claimUnique(tx, collection, spec, { id: docId, ownerId }, data, "all");
        updateCounts(tx, manifest, collection, null, data);
        indexDocument(tx, collection, spec, docId, data);
        return true;
      });
      if (inserted) out.imported++;
      else out.skipped++;
    } catch (err) {
      out.rejected.push(rejection(collection, id, err));
    }
  }
  return out;
}
