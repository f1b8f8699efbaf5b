import type { Condition, Literal, ParsedRule } from "./rules";

/**
 * The checks a rule's conditions need the collection for: every field exists, every value fits
 * its field's type (a select's options, numbers for `<`), `@user` meets text or `ownerId`. The
 * manifest schema runs these with the rule's path, so `sandlot template check` names
 * template.json:line; at run time the manifest has already passed them.
 */

/** The shape of a field as rules need it (a subset of the manifest's field spec). */
export interface RuleField {
  type: "text" | "number" | "boolean" | "datetime" | "select" | "file" | "url" | "email" | "date" | "reference";
  options?: readonly string[];
}

export type RuleFields = Readonly<Record<string, RuleField>>;

export interface RuleCheckOptions {
  /** Fields no condition may name (fields the collection hides from some readers). */
  forbidden?: ReadonlySet<string>;
  /** Why they are forbidden, for the message. */
  forbiddenReason?: string;
}

function literalProblem(field: string, spec: RuleField, value: Literal): string | null {
  if (value === null) return null;
  const shown = JSON.stringify(value);
  switch (spec.type) {
    case "text":
    case "datetime":
    case "url":
    case "email":
    case "date":
    case "reference":
      return typeof value === "string" ? null : `${field} is ${spec.type}; ${shown} is not a "string"`;
    case "number":
      return typeof value === "number" ? null : `${field} is a number; ${shown} is not`;
    case "boolean":
      return typeof value === "boolean" ? null : `${field} is a boolean; use true or false, not ${shown}`;
    case "select":
      return typeof value === "string" && (spec.options ?? []).includes(value)
        ? null
        : `${shown} is not one of the options of ${field} (${(spec.options ?? []).join(", ")})`;
    case "file":
      return `${field} is a file; it can only be compared with null`;
  }
}

type Comparison = Exclude<Condition, { values: readonly Literal[] }>;

function conditionProblems(c: Condition, fields: RuleFields, options: RuleCheckOptions): string[] {
  if (options.forbidden?.has(c.field))
    return [`a condition names ${c.field}, ${options.forbiddenReason ?? "which it may not"}`];
  const isOwner = c.field === "ownerId";
  if (!isOwner && !Object.hasOwn(fields, c.field)) return [`"${c.field}" is not a field of this collection`];
  const ownerOnly = "ownerId can only be compared with @user or null, using = or !=";
  if ("values" in c) {
    if (isOwner) return [ownerOnly];
    return c.values.flatMap((v) => literalProblem(c.field, fields[c.field] as RuleField, v) ?? []);
  }
  if (isOwner)
    return (c.op === "=" || c.op === "!=") && (c.value.kind === "user" || c.value.value === null) ? [] : [ownerOnly];
  return comparisonProblems(c, fields[c.field] as RuleField);
}

function comparisonProblems(c: Comparison, spec: RuleField): string[] {
  if (c.value.kind === "user")
    return spec.type === "text" ? [] : [`@user is a user id; ${c.field} is ${spec.type}, not text`];
  const value = c.value.value;
  if (c.op !== "=" && c.op !== "!=") {
    if (spec.type !== "number") return [`${c.op} compares numbers; ${c.field} is ${spec.type}`];
    if (typeof value !== "number") return [`${c.op} needs a number, not ${JSON.stringify(value)}`];
  }
  const p = literalProblem(c.field, spec, value);
  return p ? [p] : [];
}

/** Problems with a parsed rule's conditions against its collection's fields (empty when fine). */
export function checkRule(rule: ParsedRule, fields: RuleFields, options: RuleCheckOptions = {}): string[] {
  return [...new Set(rule.flatMap((atom) => atom.where.flatMap((c) => conditionProblems(c, fields, options))))];
}
