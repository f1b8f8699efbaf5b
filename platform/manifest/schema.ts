import { z } from "zod";
import { checkRule, type RuleFields } from "../policy/check";
import { MAX_RULE_LENGTH, parseRule, plansNamed, type ParsedRule } from "../policy/rules";

/**
 * The template manifest: the reviewed backend contract of a template. The server reads it as
 * data and never runs template code, so this schema is the whole surface a template author has
 * over the locked backend.
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
  }),
  z.object({ type: z.literal("file"), required: z.boolean().optional() }),
]);

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
    maxDocumentBytes: z.number().int().min(64).max(1_000_000).optional(),
    /** Documents one user may own in this collection. */
    maxDocumentsPerUser: z.number().int().min(1).max(1_000_000).optional(),
    /** Per-plan overrides of maxDocumentsPerUser: { "pro": 1000 }. */
    maxDocumentsPerUserByPlan: z.record(z.string(), z.number().int().min(1).max(1_000_000)).optional(),
  })
  .strict();

export const collectionSchema = z
  .object({
    fields: z.record(identifier, fieldSchema),
    rules: collectionRulesSchema.default({}),
    limits: collectionLimitsSchema.default({}),
    /** Fields whose value must be unique across the collection (e.g. a booking's slotId). */
    unique: z.array(identifier).max(4).optional(),
    /**
     * Fields (or `ownerId`) only some readers receive: `{ ownerId: "owner|creator" }`. Everyone else gets the document
     * without them.
     */
    visibility: z.record(identifier, ruleSchema).optional(),
    /** Fields only some writers may set or change: `{ featured: "creator" }`. Anyone else sending one gets 400. */
    writable: z.record(identifier, ruleSchema).optional(),
    /** Fields a list may filter (`?where[field]=`) and sort (`?sort=-field`) by; each gets an index. */
    indexed: z.array(identifier).max(MAX_INDEXED).optional(),
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

export const manifestSchema = z
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
  })
  .strict()
  .superRefine((m, ctx) => {
    // Cross-references a per-field schema cannot see. Each issue's path points at the JSON value,
    // so `template check` can print template.json:line.
    const planIds = new Set(m.plans.map((p) => p.id));
    const seenPlans = new Set<string>();
    m.plans.forEach((p, i) => {
      if (seenPlans.has(p.id))
        ctx.addIssue({ code: "custom", path: ["plans", i, "id"], message: `plan id "${p.id}" is declared twice` });
      seenPlans.add(p.id);
    });
    const seenBlanks = new Set<string>();
    m.blanks.forEach((b, i) => {
      if (seenBlanks.has(b.path))
        ctx.addIssue({ code: "custom", path: ["blanks", i, "path"], message: `blank "${b.path}" is listed twice` });
      seenBlanks.add(b.path);
      if (b.path === "src/main.tsx")
        ctx.addIssue({
          code: "custom",
          path: ["blanks", i, "path"],
          message: "src/main.tsx is the locked entry and cannot be a blank",
        });
    });
    for (const [name, c] of Object.entries(m.collections)) {
      for (const field of Object.keys(c.fields)) {
        if ((SERVER_MANAGED_FIELDS as readonly string[]).includes(field)) {
          ctx.addIssue({
            code: "custom",
            path: ["collections", name, "fields", field],
            message: `"${field}" is set by the server; a template cannot declare it`,
          });
        }
      }
      const hidden = new Set(Object.keys(c.visibility ?? {}));
      const ruleAt = (
        path: (string | number)[],
        rule: string | undefined,
        forbidden?: ReadonlySet<string>,
        forbiddenReason?: string,
      ): ParsedRule | null => {
        const parsed = rule === undefined ? null : parseRule(rule);
        if (!parsed?.ok) return null;
        for (const plan of plansNamed(parsed.rule)) {
          if (!planIds.has(plan))
            ctx.addIssue({
              code: "custom",
              path,
              message: `rule "${rule}" names plan "${plan}", which is not in plans`,
            });
        }
        for (const problem of checkRule(parsed.rule, ruleFields(c.fields), {
          ...(forbidden ? { forbidden } : {}),
          ...(forbiddenReason ? { forbiddenReason } : {}),
        })) {
          ctx.addIssue({ code: "custom", path, message: `rule "${rule}": ${problem}` });
        }
        return parsed.rule;
      };
      for (const [action, rule] of Object.entries(c.rules)) {
        // A list or read rule that tests a hidden field would tell everyone its value through what it lets through.
        const tells = action === "list" || action === "read";
        ruleAt(
          ["collections", name, "rules", action],
          rule,
          tells ? hidden : undefined,
          tells ? "which visibility hides; what the rule lets through would reveal it" : undefined,
        );
      }
      for (const [field, rule] of Object.entries(c.visibility ?? {})) {
        const path = ["collections", name, "visibility", field];
        if (field === "id" || (field !== "ownerId" && !Object.hasOwn(c.fields, field))) {
          ctx.addIssue({
            code: "custom",
            path,
            message: `visibility names "${field}", which is not a field of ${name} (ownerId may be hidden too)`,
          });
        }
        ruleAt(path, rule);
      }
      for (const [field, rule] of Object.entries(c.writable ?? {})) {
        const path = ["collections", name, "writable", field];
        if (!Object.hasOwn(c.fields, field))
          ctx.addIssue({ code: "custom", path, message: `writable names "${field}", which is not a field of ${name}` });
        ruleAt(path, rule);
      }
      (c.indexed ?? []).forEach((field, i) => {
        const path = ["collections", name, "indexed", i];
        const spec = Object.hasOwn(c.fields, field) ? c.fields[field] : undefined;
        if (!spec)
          ctx.addIssue({ code: "custom", path, message: `indexed field "${field}" is not a field of ${name}` });
        else if (spec.type === "file")
          ctx.addIssue({
            code: "custom",
            path,
            message: `indexed field "${field}" is a file; lists cannot filter or sort by files`,
          });
        else if (spec.type === "text" && (spec.maxLength ?? Number.POSITIVE_INFINITY) > MAX_INDEXED_TEXT) {
          ctx.addIssue({
            code: "custom",
            path,
            message:
              `indexed text field "${field}" needs a maxLength of at most ${MAX_INDEXED_TEXT} ` +
              "(index keys and cursors stay small)",
          });
        }
        if (hidden.has(field))
          ctx.addIssue({
            code: "custom",
            path,
            message: `"${field}" is hidden by visibility; filtering or sorting by it would reveal it`,
          });
        if ((c.indexed ?? []).indexOf(field) !== i)
          ctx.addIssue({ code: "custom", path, message: `indexed field "${field}" is listed twice` });
      });
      for (const plan of Object.keys(c.limits.maxDocumentsPerUserByPlan ?? {})) {
        if (!planIds.has(plan)) {
          ctx.addIssue({
            code: "custom",
            path: ["collections", name, "limits", "maxDocumentsPerUserByPlan", plan],
            message: `plan "${plan}" is not in plans`,
          });
        }
      }
      (c.unique ?? []).forEach((field, i) => {
        if (!Object.hasOwn(c.fields, field))
          ctx.addIssue({
            code: "custom",
            path: ["collections", name, "unique", i],
            message: `unique field "${field}" is not a field of ${name}`,
          });
        // A 409 answers "someone has this value": a hidden field must not be probed that way (T56).
        if (hidden.has(field))
          ctx.addIssue({
            code: "custom",
            path: ["collections", name, "unique", i],
            message: `unique field "${field}" is hidden by visibility; a conflict would reveal its values`,
          });
      });
    }
    const seenQuotas = new Set<string>();
    m.quotas.forEach((q, i) => {
      if (seenQuotas.has(q.id))
        ctx.addIssue({ code: "custom", path: ["quotas", i, "id"], message: `quota id "${q.id}" is declared twice` });
      seenQuotas.add(q.id);
      q.collections.forEach((name, j) => {
        if (!Object.hasOwn(m.collections, name))
          ctx.addIssue({
            code: "custom",
            path: ["quotas", i, "collections", j],
            message: `quota "${q.id}" counts "${name}", which is not a collection`,
          });
      });
      for (const plan of Object.keys(q.byPlan ?? {})) {
        if (!planIds.has(plan))
          ctx.addIssue({
            code: "custom",
            path: ["quotas", i, "byPlan", plan],
            message: `plan "${plan}" is not in plans`,
          });
      }
    });
  });

/** The field types rules check conditions against. */
function ruleFields(fields: Record<string, FieldSpec>): RuleFields {
  return Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [
      name,
      f.type === "select" ? { type: f.type, options: f.options } : { type: f.type },
    ]),
  );
}

/** Set by the server on every document; never declared as fields. */
export const SERVER_MANAGED_FIELDS = ["id", "ownerId", "createdAt", "updatedAt"] as const;

export type Rule = z.infer<typeof ruleSchema>;
export type FieldSpec = z.infer<typeof fieldSchema>;
export type CollectionSpec = z.infer<typeof collectionSchema>;
export type PlanSpec = z.infer<typeof planSchema>;
export type BlankSpec = z.infer<typeof blankSchema>;
export type QuotaSpec = z.infer<typeof quotaSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

/** Imports every template may use, whatever its manifest says (@sandlot/kit: the shared locked UI). */
export const BASE_IMPORTS: readonly string[] = [
  "react",
  "react/jsx-runtime",
  "react-dom/client",
  "@sandlot/sdk",
  "@sandlot/kit",
  "@sandlot/kit/base.css",
];
