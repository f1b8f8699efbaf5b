import type { Rule } from "../manifest/schema";

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
}

export interface Resource {
  ownerId: string | null;
}

export type DenyReason = "unauthenticated" | "not_owner" | "no_plan" | "denied";
export type Decision = { allow: true } | { allow: false; reason: DenyReason };

export type ListScope = { kind: "all" } | { kind: "owner"; ownerId: string } | { kind: "none"; reason: DenyReason };

type Parsed =
  | { kind: "public" }
  | { kind: "authenticated" }
  | { kind: "owner"; plan: string | null }
  | { kind: "plan"; plan: string }
  | { kind: "nobody" };

/** Anything that is not a known rule shape is `nobody`: default deny, also for malformed input. */
function parse(rule: Rule | undefined): Parsed {
  if (rule === undefined) return { kind: "nobody" };
  if (rule === "public") return { kind: "public" };
  if (rule === "authenticated") return { kind: "authenticated" };
  if (rule === "owner") return { kind: "owner", plan: null };
  if (rule.startsWith("owner&plan:")) {
    const plan = rule.slice("owner&plan:".length);
    return plan ? { kind: "owner", plan } : { kind: "nobody" };
  }
  if (rule.startsWith("plan:")) {
    const plan = rule.slice("plan:".length);
    return plan ? { kind: "plan", plan } : { kind: "nobody" };
  }
  return { kind: "nobody" };
}

const ALLOW: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, reason });

/**
 * Decides one action on one resource. For `create` pass the would-be document, whose owner is the
 * subject. Without a resource an `owner` rule cannot be satisfied (nothing proves ownership).
 */
export function evaluate(rule: Rule | undefined, subject: Subject, resource?: Resource): Decision {
  const parsed = parse(rule);
  switch (parsed.kind) {
    case "public":
      return ALLOW;
    case "nobody":
      return deny("denied");
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
  const parsed = parse(rule);
  if (parsed.kind === "owner") {
    if (subject.userId === null) return { kind: "none", reason: "unauthenticated" };
    if (parsed.plan !== null && !subject.plans.includes(parsed.plan)) return { kind: "none", reason: "no_plan" };
    return { kind: "owner", ownerId: subject.userId };
  }
  const decision = evaluate(rule, subject);
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
