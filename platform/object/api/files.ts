import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import { r2Keys } from "../../apps/r2-keys";
import { files } from "../../db/do-schema";
import { ApiError, badRequest, notFound, payloadTooLarge, unsupportedMediaType } from "../../errors";
import { readBytes } from "../../http/body";
import { requireUser, type AppApiEnv, type AppContext } from "./context";
import { addToCounter, counterKeys, readCounter } from "../counters";
import { FILE_ID } from "../documents";
import { forgetFile } from "../file-records";
import { declaredType, sniff } from "../sniff";

/**
 * `/_api/files`: uploads into R2 under the app's own prefix (from the Worker-set identity, never
 * from the client), with size, type and byte quotas checked on the server (T16, T42).
 *
 * Download policy: a file is served to the user who uploaded it, and to nobody else. Simple and
 * safe; sharing files through readable documents is a later, explicit feature.
 */
export const fileRoutes = new Hono<AppApiEnv>();

/** Room for multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 16 * 1024;

const missing = (): ApiError => notFound("No such file.");

function safeName(raw: string): string {
  // Keep the last path segment, drop control characters, bound the length.
  const base = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, 200);
  return cleaned || "file";
}

function contentDisposition(name: string, contentType: string): string {
  const kind = contentType.startsWith("image/") ? "inline" : "attachment";
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, "_");
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function readUpload(c: AppContext, maxFileBytes: number): Promise<File> {
  const type = c.req.header("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type))
    throw unsupportedMediaType("Upload with Content-Type: multipart/form-data and a field named file.");
  // Capped while streaming: a lying or absent Content-Length cannot make us buffer more (T17, T42).
  const bytes = await readBytes(c.req.raw, maxFileBytes + MULTIPART_OVERHEAD);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    throw badRequest("The upload is not valid multipart/form-data.", "invalid_multipart");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw badRequest("Send the file in a form field named file.", "missing_file");
  return file;
}

fileRoutes.post("/", async (c) => {
  const user = requireUser(c);
  const limits = c.get("limits");
  const file = await readUpload(c, limits.maxFileBytes);
  const data = new Uint8Array(await file.arrayBuffer());
  if (data.byteLength === 0) throw badRequest("The file is empty.", "empty_file");
  if (data.byteLength > limits.maxFileBytes)
    throw payloadTooLarge(`The file is larger than ${limits.maxFileBytes} bytes.`);
  const actual = sniff(data);
  if (!actual || !limits.fileTypes.includes(actual)) {
    throw unsupportedMediaType(`This app accepts ${limits.fileTypes.join(", ")} files.`);
  }
  const declared = declaredType(file.type);
  if (declared !== null && declared !== actual) {
    throw badRequest(`The file says it is ${declared} but its contents are ${actual}.`, "type_mismatch");
  }
  const store = c.get("store");
  const row = {
    id: crypto.randomUUID(),
    ownerId: user.id,
    name: safeName(file.name),
    contentType: actual,
    bytes: data.byteLength,
    createdAt: Date.now(),
  };
  // Reserve the bytes before the upload, in one synchronous transaction (T48).
  store.db.transaction((tx) => {
    const userUsed = readCounter(tx, counterKeys.userBytes(user.id));
    const appUsed = readCounter(tx, counterKeys.appBytes);
    if (userUsed + row.bytes > limits.storageBytesPerUser) {
      throw new ApiError(
        413,
        "quota_exceeded",
        `This upload would take you past your storage limit of ${limits.storageBytesPerUser} bytes. ` +
          "Delete some files first.",
      );
    }
    if (appUsed + row.bytes > limits.storageBytesPerApp) {
      throw new ApiError(413, "quota_exceeded", "This app has run out of file storage. Ask its creator to make room.");
    }
    tx.insert(files).values(row).run();
    addToCounter(tx, counterKeys.userBytes(user.id), row.bytes);
    addToCounter(tx, counterKeys.appBytes, row.bytes);
  });
  try {
    await c.env.BUCKET.put(r2Keys.file(c.get("identity").id, row.id), data, { httpMetadata: { contentType: actual } });
  } catch (err) {
    releaseFile(c, row);
    throw err;
  }
  return c.json(
    { file: { id: row.id, name: row.name, contentType: row.contentType, bytes: row.bytes, createdAt: row.createdAt } },
    201,
  );
});

function releaseFile(c: AppContext, row: { id: string; ownerId: string; bytes: number }): void {
  c.get("store").db.transaction((tx) => forgetFile(tx, row));
}

/** The caller's own file or nothing: other users' ids, other apps' ids and path tricks all miss (T16). */
function ownFile(c: AppContext): typeof files.$inferSelect {
  const id = c.req.param("id") ?? "";
  const user = c.get("user");
  if (!user || !FILE_ID.test(id)) throw missing();
  const row = c
    .get("store")
    .db.select()
    .from(files)
    .where(and(eq(files.id, id), eq(files.ownerId, user.id)))
    .get();
  if (!row) throw missing();
  return row;
}

/** The headers every served upload carries (here and in downloads.ts). */
export function fileHeaders(row: { contentType: string; bytes: number; name: string }): Record<string, string> {
  return {
    "Content-Type": row.contentType,
    "Content-Length": String(row.bytes),
    "Content-Disposition": contentDisposition(row.name, row.contentType),
    "X-Content-Type-Options": "nosniff",
    // Even if a browser renders it, an uploaded file runs no script and loads nothing.
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, no-cache",
  };
}

fileRoutes.get("/:id", async (c) => {
  const row = ownFile(c);
  const stored = await c.env.BUCKET.get(r2Keys.file(c.get("identity").id, row.id));
  if (!stored) throw missing();
  return new Response(stored.body, { headers: fileHeaders(row) });
});

fileRoutes.delete("/:id", async (c) => {
  const row = ownFile(c);
  releaseFile(c, row);
  await c.env.BUCKET.delete(r2Keys.file(c.get("identity").id, row.id));
  return c.body(null, 204);
});
