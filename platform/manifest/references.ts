import type { z } from "zod";
import { checkRule, type RuleFields } from "../policy/check";
import { type ParsedRule, parseRule, plansNamed } from "../policy/rules";
import { checkCommerce } from "./commerce";
import { type FieldSpec, MAX_INDEXED_TEXT, type ManifestShape, SERVER_MANAGED_FIELDS } from "./parts";
import { checkPrimitives } from "./primitives";

/**
 * What no single part of a manifest can check alone: plans, fields and collections that rules,
 * visibility, indexes, limits and quotas name. Each issue's path points at the JSON value, so
 * `template check` can print template.json:line.
 */
export function checkReferences(m: ManifestShape, ctx: z.RefinementCtx<ManifestShape>): void {
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
    for (const [field, rule] of Object.entries(c.downloads ?? {}))
      ruleAt(["collections", name, "downloads", field], rule);
    for (const [field, rule] of Object.entries(c.writable ?? {})) {
      const path = ["collections", name, "writable", field];
      if (!Object.hasOwn(c.fields, field))
        ctx.addIssue({ code: "custom", path, message: `writable names "${field}", which is not a field of ${name}` });
      ruleAt(path, rule);
    }
    (c.indexed ?? []).forEach((field, i) => {
      const path = ["collections", name, "indexed", i];
      const spec = Object.hasOwn(c.fields, field) ? c.fields[field] : undefined;
      if (!spec) ctx.addIssue({ code: "custom", path, message: `indexed field "${field}" is not a field of ${name}` });
      else if (spec.type === "file")
        ctx.addIssue({
          code: "custom",
          path,
          message: `indexed field "${field}" is a file; lists cannot filter or sort by files`,
        });
      else if (spec.type === "url")
        ctx.addIssue({
          code: "custom",
          path,
          message: `indexed field "${field}" is a url (up to 2000 characters); index keys and cursors stay small`,
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
    (c.unique ?? []).forEach((entry, i) => {
      const path = ["collections", name, "unique", i];
      const fields = typeof entry === "string" ? [entry] : entry;
      fields.forEach((field, j) => {
        const at = typeof entry === "string" ? path : [...path, j];
        if (field !== "ownerId" && !Object.hasOwn(c.fields, field))
          ctx.addIssue({ code: "custom", path: at, message: `unique field "${field}" is not a field of ${name}` });
        // A 409 answers "someone has this value": a hidden field must not be probed that way (T56).
        if (hidden.has(field))
          ctx.addIssue({
            code: "custom",
            path: at,
            message: `unique field "${field}" is hidden by visibility; a conflict would reveal its values`,
          });
        if (fields.indexOf(field) !== j)
          ctx.addIssue({ code: "custom", path: at, message: `unique field "${field}" is listed twice` });
      });
    });
    checkPrimitives(m, name, ctx);
  }
  checkCommerce(m, ctx as z.RefinementCtx<never>);
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
}

/** The field types rules check conditions against. */
function ruleFields(fields: Record<string, FieldSpec>): RuleFields {
  return Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [
      name,
      f.type === "select" ? { type: f.type, options: f.options } : { type: f.type },
    ]),
  );
}
