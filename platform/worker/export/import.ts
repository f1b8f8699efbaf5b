import { z } from "zod";
import type { AppRow } from "../../apps/queries";
import { r2Keys } from "../../apps/r2-keys";
import type { Env } from "../../env";
import { ApiError, badRequest, conflict, tooManyRequests } from "../../errors";
import type { BatchOutcome, Rejection } from "../../object/import-data";
import { appLimits } from "../../object/limits";
import { sniff } from "../../object/sniff";
import type { Template } from "../../templates/registry";
import { appStub } from "../stubs";
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION } from "./archive";
import { readEntry, readZipDirectory, type ZipDirectory } from "../../export/zip-reader";

/**
 * Imports a Sandlot export (the zip `archive.ts` writes) into a NEW app of the same template:
 * users (without passwords), then files (bytes sniffed here, records checked in the object), then
 * each collection's records, in batches the object checks one by one (import-data.ts). The zip is
 * read whole into memory, so its size is capped (MAX_IMPORT_BYTES); the export is streamed, the
 * import is not.
 */

export const MAX_IMPORT_BYTES = 48 * 1024 * 1024;
/** Largest JSON entry (a collection, the users): parsed whole, so it must leave room in a Worker's 128 MB. */
const MAX_JSON_ENTRY = 16 * 1024 * 1024;
const BATCH = 250;
const SHOWN_REJECTIONS = 50;

const headerSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(EXPORT_FORMAT_VERSION),
  exportId: z.string().uuid(),
  app: z.object({ templateId: z.string() }),
});

export interface Tally {
  imported: number;
  skipped: number;
  rejected: number;
}

export interface ImportSummary {
  exportId: string;
  /** True when this export was imported here before: what was already in was skipped. */
  resumed: boolean;
  users: Tally;
  files: Tally;
  records: Record<string, Tally>;
  /** The first few refusals, each with what, id, code and message. */
  rejections: Rejection[];
}

const tally = (): Tally => ({ imported: 0, skipped: 0, rejected: 0 });

async function jsonEntry(zip: ZipDirectory, name: string): Promise<unknown[] | null> {
  const entry = await readEntry(zip, name, MAX_JSON_ENTRY);
  if (entry === null) return null;
  if (!entry.ok) throw badRequest(entry.reason, "invalid_export");
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(entry.bytes));
    if (!Array.isArray(value)) throw new Error("not an array");
    return value;
  } catch {
    throw badRequest(`${name} is not a JSON array.`, "invalid_export");
  }
}

function add(into: Tally, outcome: BatchOutcome, rejections: Rejection[]): void {
  into.imported += outcome.imported;
  into.skipped += outcome.skipped;
  into.rejected += outcome.rejected.length;
  for (const r of outcome.rejected) if (rejections.length < SHOWN_REJECTIONS) rejections.push(r);
}

async function inBatches(
  items: unknown[],
  run: (batch: unknown[]) => Promise<BatchOutcome>,
  into: Tally,
  rejections: Rejection[],
) {
  for (let i = 0; i < items.length; i += BATCH) add(into, await run(items.slice(i, i + BATCH)), rejections);
}

async function readHeader(zip: ZipDirectory, template: Template): Promise<z.infer<typeof headerSchema>> {
  const entry = await readEntry(zip, "export.json", 64 * 1024);
  if (entry === null) throw badRequest("This zip has no export.json: it is not a Sandlot export.", "invalid_export");
  if (!entry.ok) throw badRequest(entry.reason, "invalid_export");
  let parsed: z.ZodSafeParseResult<z.infer<typeof headerSchema>>;
  try {
    parsed = headerSchema.safeParse(JSON.parse(new TextDecoder().decode(entry.bytes)));
  } catch {
    throw badRequest("export.json is not valid JSON.", "invalid_export");
  }
  if (!parsed.success) throw badRequest("export.json is not a Sandlot export this version reads.", "invalid_export");
  if (parsed.data.app.templateId !== template.id)
    throw conflict(
      `This export is of the template "${parsed.data.app.templateId.slice(0, 60)}"; this app uses "${template.id}". ` +
        "Import it into a new app of the same template.",
      "template_mismatch",
    );
  return parsed.data;
}

export async function importExport(
  env: Env,
  target: { app: AppRow; template: Template },
  bytes: Uint8Array,
): Promise<ImportSummary> {
  const { app, template } = target;
  const directory = readZipDirectory(bytes);
  if (!directory.ok) throw badRequest(directory.reason, "invalid_export");
  const zip = directory.zip;
  const header = await readHeader(zip, template);
  const stub = appStub(env, app.id);
  const start = await stub.importBegin(header.exportId);
  if ("wait" in start) throw tooManyRequests("Too many imports into this app. Try again in a few minutes.", start.wait);
  if (start.kind === "refused") throw conflict(start.message, start.code);

  const manifest = template.manifest;
  const limits = appLimits(manifest);
  const rejections: Rejection[] = [];
  const summary: ImportSummary = {
    exportId: header.exportId,
    resumed: start.kind === "resumed",
    users: tally(),
    files: tally(),
    records: {},
    rejections,
  };

  await inBatches((await jsonEntry(zip, "users.json")) ?? [], (b) => stub.importUsers(b), summary.users, rejections);

  for (const meta of (await jsonEntry(zip, "files.json")) ?? []) {
    const id = (meta as { id?: unknown } | null)?.id;
    const reject = (code: string, message: string): void => {
      summary.files.rejected++;
      if (rejections.length < SHOWN_REJECTIONS)
        rejections.push({ what: "file", id: String(id).slice(0, 80), code, message });
    };
    // Only `files/<uuid>`: the id is checked before it names an entry or, later, an R2 key.
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) {
      reject("invalid", "Not a file id.");
      continue;
    }
    const entry = await readEntry(zip, `files/${id}`, limits.maxFileBytes);
    if (entry === null || !entry.ok) {
      reject(
        entry === null ? "missing_file" : "payload_too_large",
        entry === null ? "Its bytes are not in the zip." : entry.reason,
      );
      continue;
    }
    const actual = sniff(entry.bytes);
    const record = {
      ...(meta as object),
      contentType: actual ?? "application/octet-stream",
      bytes: entry.bytes.length,
    };
    const outcome = await stub.importFileRecord(record, limits);
    if (outcome.kind === "skipped") summary.files.skipped++;
    if (outcome.kind === "rejected") {
      summary.files.rejected++;
      if (rejections.length < SHOWN_REJECTIONS) rejections.push(outcome.rejection);
    }
    if (outcome.kind !== "imported") continue;
    try {
      await env.BUCKET.put(r2Keys.file(app.id, id), entry.bytes, { httpMetadata: { contentType: record.contentType } });
      summary.files.imported++;
    } catch (err) {
      await stub.importForgetFile({
        id,
        ownerId: String((meta as { ownerId?: unknown }).ownerId),
        bytes: entry.bytes.length,
      });
      throw err;
    }
  }

  for (const name of Object.keys(manifest.collections)) {
    const records = summary.records[name] ?? tally();
    summary.records[name] = records;
    const items = await jsonEntry(zip, `data/${name}.json`);
    if (items) await inBatches(items, (b) => stub.importDocuments(manifest, name, b), records, rejections);
  }
  await stub.importFinish();
  return summary;
}

/** The body of an import request, read under the cap while it streams in. */
export function importTooLarge(): ApiError {
  return new ApiError(413, "payload_too_large", `An import is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`);
}
