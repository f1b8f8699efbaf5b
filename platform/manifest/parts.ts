import { z } from "zod";
import { MAX_RULE_LENGTH, parseRule } from "../policy/rules";
import { downloadsSchema, productsSchema, searchableSchema } from "./commerce";

/**
 * The parts of a template manifest, each checked on its own. schema.ts joins them and checks what
 * one part cannot see alone (references.ts).
 */

/** A rule, checked by the one grammar in platform/policy/rules.ts (see docs/templates.md). */
export const ruleSchema = z
  .string()
  .min(1)
  .max(MAX_RULE_LENGTH)
  .superRefine((rule, ctx) => {
    const parsed = parseRule(rule);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
  });

/** Indexed fields per collection, and the longest text an indexed field may hold. */
export const MAX_INDEXED = 6;
/** The largest document any app may store (64 KiB): the manifest may choose less, never more. */
export const MAX_DOCUMENT_BYTES = 65_536;
export const MAX_INDEXED_TEXT = 200;

const identifier = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, "lowercase identifier (letters, digits, _)");

export const fieldSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    required: z.boolean().optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(100_000).optional(),
  }),
  z.object({
    type: z.literal("number"),
    required: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
  }),
  z.object({ type: z.literal("boolean"), required: z.boolean().optional() }),
  z.object({ type: z.literal("datetime"), required: z.boolean().optional() }),
  z.object({
    type: z.literal("select"),
    required: z.boolean().optional(),
    options: z.array(z.string().min(1).max(100)).min(1).max(100),
    /**
     * Set by the server on a create that leaves the field out (a workflow's first state, `"pending"`). With
     * `writable: { status: "creator" }` the author cannot send it, so every document starts here.
     */
    default: z.string().min(1).max(100).optional(),
  }),
  z.object({ type: z.literal("file"), required: z.boolean().optional() }),
  /** An http(s) address; other schemes (javascript:, data:) are refused so a link cannot run script. */
  z.object({ type: z.literal("url"), required: z.boolean().optional() }),
  z.object({ type: z.literal("email"), required: z.boolean().optional() }),
  /** A calendar date, `YYYY-MM-DD`. */
  z.object({ type: z.literal("date"), required: z.boolean().optional() }),
  /** The id of a document in `collection` that the writer may read (checked on every write). */
  z.object({ type: z.literal("reference"), required: z.boolean().optional(), collection: identifier }),
]);

/** A field, or several fields together (`["ownerId", "answerId"]`: one vote per user per answer). */
export const uniqueEntrySchema = z.union([identifier, z.array(identifier).min(2).max(4)]);

/**
 * At most N documents per value of `field` (tickets per event): `max` is N for every value, or `maxFrom` names a
 * number field of the document `field` references (the event's own `capacity`).
 */
export const capacitySchema = z
  .object({
    field: identifier,
    max: z.number().int().min(1).max(1_000_000).optional(),
    maxFrom: identifier.optional(),
  })
  .strict()
  .refine((c) => (c.max === undefined) !== (c.maxFrom === undefined), "capacity needs exactly one of max and maxFrom");

/** A count the server keeps on each document: how many documents of `collection` reference it through `by`. */
export const countSchema = z.object({ collection: identifier, by: identifier }).strict();

export const collectionRulesSchema = z
  .object({
    list: ruleSchema.optional(),
    read: ruleSchema.optional(),
    create: ruleSchema.optional(),
    update: ruleSchema.optional(),
    delete: ruleSchema.optional(),
  })
  .strict();

export const collectionLimitsSchema = z
  .object({
    /** Largest serialized document, in bytes. */
    maxDocumentBytes: z.number().int().min(64).max(MAX_DOCUMENT_BYTES).optional(),
    /** Documents one user may own in this collection. */
    maxDocumentsPerUser: z.number().int().min(1).max(1_000_000).optional(),
    /** Per-plan overrides of maxDocumentsPerUser: { "pro": 1000 }. */
    maxDocumentsPerUserByPlan: z.record(z.string(), z.number().int().min(1).max(1_000_000)).optional(),
    /** Documents one user may create in this collection per hour, deletes notwithstanding (T69). */
    createsPerHourPerUser: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const collectionSchema = z
  .object({
    fields: z.record(identifier, fieldSchema),
    rules: collectionRulesSchema.default({}),
    limits: collectionLimitsSchema.default({}),
    /**
     * Fields whose value must be unique across the collection (a booking's slotId), or lists of fields unique
     * together (`["ownerId", "answerId"]`). `ownerId` may be named.
     */
    unique: z.array(uniqueEntrySchema).max(4).optional(),
    capacity: capacitySchema.optional(),
    /** Read-only counts on each document, kept by the server: `{ votes: { collection: "votes", by: "answerId" } }`. */
    counts: z.record(identifier, countSchema).optional(),
    /** Allowed changes of a select field, `{ status: { pending: ["approved", "rejected"] } }`; others are 400. */
    transitions: z.record(identifier, z.record(z.string(), z.array(z.string()).max(100))).optional(),
    /**
     * Fields (or `ownerId`) only some readers receive: `{ ownerId: "owner|creator" }`. Everyone else gets the document
     * without them.
     */
    visibility: z.record(identifier, ruleSchema).optional(),
    /** Fields only some writers may set or change: `{ featured: "creator" }`. Anyone else sending one gets 400. */
    writable: z.record(identifier, ruleSchema).optional(),
    /** Fields a list may filter (`?where[field]=`) and sort (`?sort=-field`) by; each gets an index. */
    indexed: z.array(identifier).max(MAX_INDEXED).optional(),
    /** Text fields `?q=` searches (commerce.ts). */
    searchable: searchableSchema,
    /** Who may download the file a file field names: `{ file: "purchased | creator" }` (commerce.ts). */
    downloads: downloadsSchema(ruleSchema),
  })
  .strict();

/**
 * Documents one user may own across several collections: `{ id: "items", collections: ["notes", "tasks"], max: 10,
 * byPlan: { pro: 1000 } }`.
 */
export const quotaSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
    collections: z.array(identifier).min(1).max(10),
    /** For users holding none of the plans in byPlan. */
    max: z.number().int().min(0).max(1_000_000),
    /** The most generous plan the user holds wins. */
    byPlan: z.record(z.string(), z.number().int().min(0).max(1_000_000)).optional(),
  })
  .strict();

export const planSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/),
    name: z.string().min(1).max(60),
    price: z
      .object({
        amount: z.number().int().min(0).max(100_000_000),
        currency: z.string().regex(/^[a-z]{3}$/),
        interval: z.enum(["month", "year"]),
      })
      .strict(),
    grants: z
      .array(z.string().regex(/^[a-z][a-z0-9_:-]{0,63}$/))
      .max(50)
      .default([]),
  })
  .strict();

export const blankSchema = z
  .object({
    path: z.string().regex(/^src\/[A-Za-z0-9_\-/]+\.(tsx|ts|jsx|js|css)$/, "a blank lives under src/"),
    title: z.string().min(1).max(80),
    purpose: z.string().min(1).max(500),
  })
  .strict();

export const appLimitsSchema = z
  .object({
    maxBodyBytes: z.number().int().min(1024).max(1_048_576).optional(),
    requestsPerMinutePerUser: z.number().int().min(1).max(10_000).optional(),
    requestsPerMinutePerIp: z.number().int().min(1).max(10_000).optional(),
    maxFileBytes: z
      .number()
      .int()
      .min(1024)
      .max(25 * 1_048_576)
      .optional(),
    storageBytesPerUser: z.number().int().min(1024).optional(),
    storageBytesPerApp: z.number().int().min(1024).optional(),
    fileTypes: z
      .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/))
      .max(30)
      .optional(),
  })
  .strict();

/** The manifest's fields, before cross-references are checked. */
export const manifestShape = z
  .object({
    /** Editors only: `"../template.schema.json"`. Ignored by the platform. */
    $schema: z.string().max(200).optional(),
    id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
    name: z.string().min(1).max(80),
    description: z.string().max(500).default(""),
    version: z.string().max(20).default("1.0.0"),
    blanks: z.array(blankSchema).min(1).max(50),
    collections: z.record(identifier, collectionSchema).default({}),
    plans: z.array(planSchema).max(10).default([]),
    imports: z.array(z.string().min(1).max(100)).max(50).default([]),
    limits: appLimitsSchema.default({}),
    quotas: z.array(quotaSchema).max(10).default([]),
    /** One-time purchases (commerce.ts, docs/billing.md). */
    products: productsSchema,
  })
  .strict();

/** Set by the server on every document; never declared as fields. */
export const SERVER_MANAGED_FIELDS = ["id", "ownerId", "createdAt", "updatedAt"] as const;

export type Rule = z.infer<typeof ruleSchema>;
export type FieldSpec = z.infer<typeof fieldSchema>;
export type CollectionSpec = z.infer<typeof collectionSchema>;
export type PlanSpec = z.infer<typeof planSchema>;
export type BlankSpec = z.infer<typeof blankSchema>;
export type QuotaSpec = z.infer<typeof quotaSchema>;
export type CapacitySpec = z.infer<typeof capacitySchema>;
export type ManifestShape = z.infer<typeof manifestShape>;
