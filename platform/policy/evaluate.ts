import { parseRule, type RuleAtom } from "./rules";

/** A rule as the manifest holds it: text in the grammar of rules.ts. */
type Rule = string;

/**
 * The ONE access evaluator (I2). Rules are data from the manifest; this function is pure so that
 * every route asks the same question the same way and the table-driven test covers all of it.
 */

export type Action = "list" | "read" | "create" | "update" | "delete";

export interface Subject {
  /** Null for a visitor without a valid session. */
  userId: string | null;
  /** Plan ids the user holds right now, from server-side subscription state (I4). */
  plans: readonly string[];
  /** The app's creator, signed in to their own app with a verified email matching their account. */
  isCreator?: boolean;
}

export interface Resource {
  ownerId: string | null;
}

export type DenyReason = "unauthenticated" | "not_owner" | "no_plan" | "denied";
export type Decision = { allow: true } | { allow: false; reason: DenyReason };

export type ListScope = { kind: "all" } | { kind: "owner"; ownerId: string } | { kind: "none"; reason: DenyReason };

type Parsed = RuleAtom;

const NOBODY: readonly Parsed[] = [{ kind: "nobody" }];

/**
 * The alternatives of a rule. Absent, or anything that does not parse, is `nobody`: default deny,
 * and one malformed alternative makes the whole rule deny, never "the rest still allows".
 */
function alternatives(rule: Rule | undefined): readonly Parsed[] {
  if (rule === undefined) return NOBODY;
  const parsed = parseRule(rule);
  return parsed.ok ? parsed.rule : NOBODY;
}

const ALLOW: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, reason });

/** When every alternative refuses, the answer that tells the caller what would help. */
const REASON_RANK: Record<DenyReason, number> = { unauthenticated: 3, no_plan: 2, not_owner: 1, denied: 0 };

function strongest(reasons: DenyReason[]): DenyReason {
  return reasons.reduce<DenyReason>((best, r) => (REASON_RANK[r] > REASON_RANK[best] ? r : best), "denied");
}

/**
 * Decides one action on one resource. For `create` pass the would-be document, whose owner is the
 * subject. Without a resource an `owner` rule cannot be satisfied (nothing proves ownership).
 */
export function evaluate(rule: Rule | undefined, subject: Subject, resource?: Resource): Decision {
  const reasons: DenyReason[] = [];
  for (const parsed of alternatives(rule)) {
    const d = evaluateOne(parsed, subject, resource);
    if (d.allow) return ALLOW;
    reasons.push(d.reason);
  }
  return deny(strongest(reasons));
}

function evaluateOne(parsed: Parsed, subject: Subject, resource: Resource | undefined): Decision {
  switch (parsed.kind) {
    case "public":
      return ALLOW;
    case "nobody":
      return deny("denied");
    case "creator":
      if (subject.userId === null) return deny("unauthenticated");
      return subject.isCreator === true ? ALLOW : deny("denied");
    case "authenticated":
      return subject.userId === null ? deny("unauthenticated") : ALLOW;
    case "plan":
      if (subject.userId === null) return deny("unauthenticated");
      return subject.plans.includes(parsed.plan) ? ALLOW : deny("no_plan");
    case "owner":
      if (subject.userId === null) return deny("unauthenticated");
      if (parsed.plan !== null && !subject.plans.includes(parsed.plan)) return deny("no_plan");
      if (!resource || resource.ownerId === null || resource.ownerId !== subject.userId) return deny("not_owner");
      return ALLOW;
  }
}

/**
 * What a list may return. An `owner` rule narrows the query to the subject's own rows instead of
 * refusing, so "list my notes" works and other owners' rows are never read (T12).
 */
export function listScope(rule: Rule | undefined, subject: Subject): ListScope {
  // The widest scope any alternative grants wins: all > own rows > nothing.
  const scopes = alternatives(rule).map((parsed) => scopeOne(parsed, subject));
  const all = scopes.find((s) => s.kind === "all");
  if (all) return all;
  const own = scopes.find((s) => s.kind === "owner");
  if (own) return own;
  return { kind: "none", reason: strongest(scopes.map((s) => (s.kind === "none" ? s.reason : "denied"))) };
}

function scopeOne(parsed: Parsed, subject: Subject): ListScope {
  if (parsed.kind === "owner") {
    if (subject.userId === null) return { kind: "none", reason: "unauthenticated" };
    if (parsed.plan !== null && !subject.plans.includes(parsed.plan)) return { kind: "none", reason: "no_plan" };
    return { kind: "owner", ownerId: subject.userId };
  }
  const decision = evaluateOne(parsed, subject, undefined);
  return decision.allow ? { kind: "all" } : { kind: "none", reason: decision.reason };
}

/**
 * The decision for a subject on a record it would own: the answer that does not depend on any
 * stored row. Routes ask this before touching storage so that a refusal (401, 403) can never
 * reveal whether a given id exists.
 */
export function bestCase(rule: Rule | undefined, subject: Subject): Decision {
  return evaluate(rule, subject, subject.userId === null ? undefined : { ownerId: subject.userId });
}
