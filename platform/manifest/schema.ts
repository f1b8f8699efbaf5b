import { z } from "zod";
import { parseRule, plansNamed } from "../policy/rules";

/**
 * The template manifest: the reviewed backend contract of a template. The server reads it as
 * data and never runs template code, so this schema is the whole surface a template author has
 * over the locked backend.
 */

/** A rule, checked by the one grammar in platform/policy/rules.ts (see docs/templates.md). */
export const ruleSchema = z.string().superRefine((rule, ctx) => {
  const parsed = parseRule(rule);
  if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
});

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
    grants: z.array(z.string().regex(/^[a-z][a-z0-9_:-]{0,63}$/)).max(50).default([]),
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
    maxFileBytes: z.number().int().min(1024).max(25 * 1_048_576).optional(),
    storageBytesPerUser: z.number().int().min(1024).optional(),
    storageBytesPerApp: z.number().int().min(1024).optional(),
    fileTypes: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/)).max(30).optional(),
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
  })
  .strict()
  .superRefine((m, ctx) => {
    // Cross-references a per-field schema cannot see. Each issue's path points at the JSON value,
    // so `template check` can print template.json:line.
    const planIds = new Set(m.plans.map((p) => p.id));
    const seenPlans = new Set<string>();
    m.plans.forEach((p, i) => {
      if (seenPlans.has(p.id)) ctx.addIssue({ code: "custom", path: ["plans", i, "id"], message: `plan id "${p.id}" is declared twice` });
      seenPlans.add(p.id);
    });
    const seenBlanks = new Set<string>();
    m.blanks.forEach((b, i) => {
      if (seenBlanks.has(b.path)) ctx.addIssue({ code: "custom", path: ["blanks", i, "path"], message: `blank "${b.path}" is listed twice` });
      seenBlanks.add(b.path);
      if (b.path === "src/main.tsx") ctx.addIssue({ code: "custom", path: ["blanks", i, "path"], message: "src/main.tsx is the locked entry and cannot be a blank" });
    });
    for (const [name, c] of Object.entries(m.collections)) {
      for (const field of Object.keys(c.fields)) {
        if ((SERVER_MANAGED_FIELDS as readonly string[]).includes(field)) {
          ctx.addIssue({ code: "custom", path: ["collections", name, "fields", field], message: `"${field}" is set by the server; a template cannot declare it` });
        }
      }
      for (const [action, rule] of Object.entries(c.rules)) {
        const parsed = rule === undefined ? null : parseRule(rule);
        if (!parsed?.ok) continue;
        for (const plan of plansNamed(parsed.rule)) {
          if (!planIds.has(plan)) {
            ctx.addIssue({ code: "custom", path: ["collections", name, "rules", action], message: `rule "${rule}" names plan "${plan}", which is not in plans` });
          }
        }
      }
      for (const plan of Object.keys(c.limits.maxDocumentsPerUserByPlan ?? {})) {
        if (!planIds.has(plan)) {
          ctx.addIssue({ code: "custom", path: ["collections", name, "limits", "maxDocumentsPerUserByPlan", plan], message: `plan "${plan}" is not in plans` });
        }
      }
      (c.unique ?? []).forEach((field, i) => {
        if (!(field in c.fields)) ctx.addIssue({ code: "custom", path: ["collections", name, "unique", i], message: `unique field "${field}" is not a field of ${name}` });
      });
    }
  });

/** Set by the server on every document; never declared as fields. */
export const SERVER_MANAGED_FIELDS = ["id", "ownerId", "createdAt", "updatedAt"] as const;

export type Rule = z.infer<typeof ruleSchema>;
export type FieldSpec = z.infer<typeof fieldSchema>;
export type CollectionSpec = z.infer<typeof collectionSchema>;
export type PlanSpec = z.infer<typeof planSchema>;
export type BlankSpec = z.infer<typeof blankSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

/** Imports every template may use, whatever its manifest says (@sandlot/kit: the shared locked UI). */
export const BASE_IMPORTS: readonly string[] = ["react", "react/jsx-runtime", "react-dom/client", "@sandlot/sdk", "@sandlot/kit", "@sandlot/kit/base.css"];
