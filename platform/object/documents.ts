import { z } from "zod";
import { ApiError } from "../errors";
import type { CollectionSpec, FieldSpec } from "../manifest/schema";
import type { RuleDocument } from "../policy/filter";

/**
 * Document schemas derived from a collection's manifest fields: the same zod objects validate
 * requests and generate the OpenAPI document. `.strict()` makes any field the manifest did not
 * declare a 400 (T07).
 */

/** Set by the server only; a body naming one is refused before validation (T07). */
export const SERVER_FIELDS = ["id", "ownerId", "createdAt", "updatedAt"] as const;
export const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEFAULT_TEXT_MAX = 10_000;
const MAX_URL = 2000;

function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.type) {
    case "text":
      return z
        .string()
        .min(spec.minLength ?? 0)
        .max(spec.maxLength ?? DEFAULT_TEXT_MAX);
    case "number": {
      let n = spec.integer ? z.number().int() : z.number();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      return n;
    }
    case "boolean":
      return z.boolean();
    case "datetime":
      return z.iso.datetime({ offset: true });
    case "select":
      return z.enum(spec.options as [string, ...string[]]);
    case "file":
      return z.string().regex(FILE_ID, "must be the id of a file uploaded to this app");
    case "url":
      // http(s) only: a stored javascript: or data: link would run in the app when someone clicks it.
      return z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(MAX_URL);
    case "email":
      return z.email().max(254);
    case "date":
      return z.iso.date();
    case "reference":
      return z
        .string()
        .regex(FILE_ID, `must be the id of a document in ${spec.collection}`)
        .describe(`The id of a document in ${spec.collection} that you may read`);
  }
}

export interface CollectionSchemas {
  create: z.ZodObject;
  update: z.ZodObject;
  /** The response item: server fields plus the declared ones. */
  item: z.ZodObject;
  fileFields: string[];
  /** Reference fields and the collection each points into. */
  referenceFields: Array<{ field: string; collection: string }>;
}

const cache = new WeakMap<CollectionSpec, CollectionSchemas>();

export function collectionSchemas(spec: CollectionSpec): CollectionSchemas {
  const hit = cache.get(spec);
  if (hit) return hit;
  const create: Record<string, z.ZodType> = {};
  const update: Record<string, z.ZodType> = {};
  const item: Record<string, z.ZodType> = {};
  const fileFields: string[] = [];
  const referenceFields: CollectionSchemas["referenceFields"] = [];
  const visibility = spec.visibility ?? {};
  // A field only some readers receive is never promised in the response schema (it is optional there).
  const hiddenNote = (name: string, base: z.ZodType): z.ZodType =>
    Object.hasOwn(visibility, name)
      ? base.optional().describe(`Present only for readers the rule "${visibility[name]}" allows`)
      : base;
  for (const [name, field] of Object.entries(spec.fields)) {
    // A manifest that names a server field would let clients write it; refuse to serve it.
    if ((SERVER_FIELDS as readonly string[]).includes(name))
      throw new ApiError(500, "internal", "This app's template is misconfigured.");
    const base = fieldSchema(field);
    // A field the server fills in (a select's default) may be left out even when required.
    const defaulted = field.type === "select" && field.default !== undefined;
    create[name] = field.required && !defaulted ? base : base.nullable().optional();
    update[name] = field.required ? base.optional() : base.nullable().optional();
    item[name] = hiddenNote(name, field.required ? base : base.nullable().optional());
    if (field.type === "file") fileFields.push(name);
    if (field.type === "reference") referenceFields.push({ field: name, collection: field.collection });
  }
  // Counts are the server's: in the response, never in a body (a body naming one is 400 like any unknown field).
  for (const name of Object.keys(spec.counts ?? {}))
    item[name] = z.number().int().min(0).describe("Kept by the server; read-only");
  const schemas: CollectionSchemas = {
    create: z.object(create).strict(),
    update: z.object(update).strict(),
    item: z
      .object({
        id: z.string(),
        ownerId: hiddenNote("ownerId", z.string().nullable()),
        createdAt: z.number().int(),
        updatedAt: z.number().int(),
        ...item,
      })
      .strict(),
    fileFields,
    referenceFields,
  };
  cache.set(spec, schemas);
  return schemas;
}

export interface StoredDocument {
  id: string;
  ownerId: string | null;
  data: string;
  createdAt: number;
  updatedAt: number;
}

export type Item = { id: string; ownerId: string | null; createdAt: number; updatedAt: number } & Record<
  string,
  unknown
>;

/** The stored fields of a row (an object, whatever the column holds). */
export function storedData(row: Pick<StoredDocument, "data">): Record<string, unknown> {
  const data: unknown = JSON.parse(row.data);
  return data !== null && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** A row as rules see it. */
export function ruleDocument(row: Pick<StoredDocument, "ownerId" | "data"> & { id?: string }): RuleDocument {
  return { ...(row.id === undefined ? {} : { id: row.id }), ownerId: row.ownerId, data: storedData(row) };
}

/**
 * Only declared fields leave the server, whatever is in the stored JSON (T04). Callers answer
 * with `visibleItem` (visibility.ts), which also drops what this reader may not see.
 */
export function toItem(
  spec: CollectionSpec,
  row: StoredDocument,
  data: Readonly<Record<string, unknown>> = storedData(row),
): Item {
  const out: Item = { id: row.id, ownerId: row.ownerId, createdAt: row.createdAt, updatedAt: row.updatedAt };
  for (const name of Object.keys(spec.fields)) {
    if (Object.hasOwn(data, name) && data[name] !== undefined && data[name] !== null) out[name] = data[name];
  }
  for (const name of Object.keys(spec.counts ?? {})) {
    const n = Object.hasOwn(data, name) ? data[name] : 0;
    out[name] = typeof n === "number" ? n : 0;
  }
  return out;
}

/** The values the server sets on a create that leaves these fields out (select defaults). */
export function fieldDefaults(spec: CollectionSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec.fields))
    if (field.type === "select" && field.default !== undefined) out[name] = field.default;
  return out;
}

/** Drops nulls (a null clears an optional field) so stored data holds only present values. */
export function compact(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null && v !== undefined));
}
