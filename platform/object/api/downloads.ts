import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { r2Keys } from "../../apps/r2-keys";
import { documents, files } from "../../db/do-schema";
import { notFound } from "../../errors";
import { bestCase, evaluate } from "../../policy/evaluate";
import { ruleDocument } from "../documents";
import { collection, docId, hidden, refuse } from "./collections";
import type { AppApiEnv } from "./context";
import { fileHeaders } from "./files";

/**
 * `GET /_api/collections/:name/:id/files/:field`: the file a document's file field names, for the
 * readers the collection's `downloads` rule allows (`{ file: "purchased | creator" }`): a shop's
 * product page is public, its file only for buyers (T65). A field without a `downloads` rule is
 * not downloadable this way; the uploader still has `GET /_api/files/:id`.
 */
export const downloadRoutes = new Hono<AppApiEnv>();

downloadRoutes.get("/:name/:id/files/:field", async (c) => {
  const { name, spec } = collection(c);
  const field = c.req.param("field");
  const rule = spec.downloads && Object.hasOwn(spec.downloads, field) ? spec.downloads[field] : undefined;
  if (rule === undefined || spec.fields[field]?.type !== "file") throw notFound("This field has no download.");
  const subject = c.get("subject");
  const pre = bestCase(spec.rules.read, subject);
  if (!pre.allow) throw refuse(pre.reason);
  const id = docId(c);
  const store = c.get("store");
  const row = store.db
    .select()
    .from(documents)
    .where(and(eq(documents.collection, name), eq(documents.id, id)))
    .get();
  if (!row) throw hidden();
  const doc = ruleDocument(row);
  if (!evaluate(spec.rules.read, subject, doc).allow) throw hidden();
  // Readable, so its existence is no secret: say what would help (sign in, buy), as lists do.
  const allowed = evaluate(rule, subject, doc);
  if (!allowed.allow)
    throw refuse(allowed.reason === "condition" || allowed.reason === "not_owner" ? "denied" : allowed.reason);
  const fileId = doc.data[field];
  if (typeof fileId !== "string") throw notFound("This document has no file here.");
  const file = store.db.select().from(files).where(eq(files.id, fileId)).get();
  const stored = file ? await c.env.BUCKET.get(r2Keys.file(c.get("identity").id, file.id)) : null;
  if (!file || !stored) throw notFound("No such file.");
  return new Response(stored.body, { headers: fileHeaders(file) });
});
