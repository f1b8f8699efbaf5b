import { allOf, anyOf, FALSE, type Filter, matches, type RuleDocument } from "./filter";
import { type Condition, type ParsedRule, parseRule, type RuleAtom } from "./rules";

/** A rule as the manifest holds it: text in the grammar of rules.ts. */
type Rule = string;

/**
 * The ONE access evaluator (I2). Rules are data from the manifest; these functions are pure so
 * that every route asks the same question the same way and the table-driven test covers all of
 * it. `evaluate` decides one action on one document; `listScope` turns the same rule into the
 * filter a list runs in SQL, built from the same alternatives, so the two cannot disagree.
 */

export type Action = "list" | "read" | "create" | "update" | "delete";

export interface Subject {
  /** Null for a visitor without a valid session. */
  userId: string | null;
  /** Plan ids the user holds right now, from server-side subscription state (I4). */
  plans: readonly string[];
  /** The app's creator, signed in to their own app with a verified email matching their account. */
  isCreator?: boolean;
  /** The user confirmed their email address (the sign-up mail's link, or a provider that vouched for it). */
  emailVerified?: boolean;
  /** Products bought once per user and not refunded, from rows only the verified webhook writes (I4). */
  purchases?: readonly string[];
  /** Documents the user bought (a per-document product), likewise. */
  purchasedDocuments?: readonly string[];
}

/** A stored document, or for `create` the document as it will be stored (owner = the subject). */
export type Resource = RuleDocument;

/**
 * Why a decision refused: signed out, no plan, not the owner, the document does not meet the
 * rule's conditions, or nobody may.
 */
export type DenyReason =
  | "unauthenticated"
  | "unverified"
  | "not_owner"
  | "no_plan"
  | "no_purchase"
  | "condition"
  | "denied";
export type Decision = { allow: true } | { allow: false; reason: DenyReason };

/** What a list may return: the documents matching `filter`, or a refusal. */
export type ListScope = { kind: "filter"; filter: Filter } | { kind: "none"; reason: DenyReason };

const NOBODY: ParsedRule = [{ kind: "nobody", where: [] }];
const parsedCache = new Map<string, ParsedRule>();
const MAX_CACHED = 1000;

/**
 * The alternatives of a rule. Absent, or anything that does not parse, is `nobody`: default deny,
 * and one malformed alternative makes the whole rule deny, never "the rest still allows".
 */
function alternatives(rule: Rule | undefined): ParsedRule {
  if (rule === undefined) return NOBODY;
  const hit = parsedCache.get(rule);
  if (hit) return hit;
  const parsed = parseRule(rule);
  const out = parsed.ok ? parsed.rule : NOBODY;
  if (parsedCache.size < MAX_CACHED) parsedCache.set(rule, out);
  return out;
}

const ALLOW: Decision = { allow: true };
const deny = (reason: DenyReason): Decision => ({ allow: false, reason });

/** When every alternative refuses, the answer that tells the caller what would help. */
const REASON_RANK: Record<DenyReason, number> = {
  unauthenticated: 6,
  unverified: 5,
  no_plan: 4,
  no_purchase: 3,
  condition: 2,
  not_owner: 1,
  denied: 0,
};

function strongest(reasons: DenyReason[]): DenyReason {
  return reasons.reduce<DenyReason>((best, r) => (REASON_RANK[r] > REASON_RANK[best] ? r : best), "denied");
}

/** Who may use an alternative at all, before any document is looked at. */
function kindDecision(atom: RuleAtom, subject: Subject): Decision {
  switch (atom.kind) {
    case "public":
      break;
    case "nobody":
      return deny("denied");
    case "creator":
      if (subject.userId === null) return deny("unauthenticated");
      if (subject.isCreator !== true) return deny("denied");
      break;
    case "authenticated":
      if (subject.userId === null) return deny("unauthenticated");
      break;
    case "verified":
      if (subject.userId === null) return deny("unauthenticated");
      if (subject.emailVerified !== true) return deny("unverified");
      break;
    case "plan":
      if (subject.userId === null) return deny("unauthenticated");
      if (!subject.plans.includes(atom.plan)) return deny("no_plan");
      break;
    case "owner":
      if (subject.userId === null) return deny("unauthenticated");
      if (atom.plan !== null && !subject.plans.includes(atom.plan)) return deny("no_plan");
      break;
    case "purchased":
      if (subject.userId === null) return deny("unauthenticated");
      if (atom.product !== null && !(subject.purchases ?? []).includes(atom.product)) return deny("no_purchase");
      break;
  }
  // `@user` names the caller; a signed-out caller has no id to compare, so they must sign in.
  if (subject.userId === null && atom.where.some(mentionsUser)) return deny("unauthenticated");
  return ALLOW;
}

const mentionsUser = (c: Condition): boolean => "value" in c && c.value.kind === "user";

/** The alternative's conditions as a filter, with `@user` bound to the subject. */
function conditionsFilter(atom: RuleAtom, subject: Subject): Filter {
  return allOf(
    atom.where.map((c): Filter => {
      if ("values" in c) return { kind: "in", field: c.field, values: c.values, negate: c.op === "not in" };
      if (c.value.kind === "user")
        return subject.userId === null ? FALSE : { kind: "compare", field: c.field, op: c.op, value: subject.userId };
      return { kind: "compare", field: c.field, op: c.op, value: c.value.value };
    }),
  );
}

/** Bare `purchased`: the documents this subject bought (the same rows in SQL, see query.ts). */
function purchasedFilter(subject: Subject): Filter {
  return subject.userId === null
    ? FALSE
    : { kind: "purchased", userId: subject.userId, documents: subject.purchasedDocuments ?? [] };
}

/** What the kind itself asks of the document: its owner, or that the subject bought it. */
function kindFilter(atom: RuleAtom, subject: Subject): Filter {
  if (atom.kind === "owner") return ownerFilter(subject);
  if (atom.kind === "purchased" && atom.product === null) return purchasedFilter(subject);
  return { kind: "true" };
}

function ownerFilter(subject: Subject): Filter {
  return subject.userId === null ? FALSE : { kind: "compare", field: "ownerId", op: "=", value: subject.userId };
}

/**
 * Decides one action on one document. For `create` pass the document as it will be stored (its
 * owner is the subject); for `update`, routes ask twice: the stored document, then the document
 * as it will be stored. Without a document, an `owner` alternative or one with conditions cannot
 * be satisfied (nothing proves them).
 */
export function evaluate(rule: Rule | undefined, subject: Subject, resource?: Resource): Decision {
  const reasons: DenyReason[] = [];
  for (const atom of alternatives(rule)) {
    const d = decideOne(atom, subject, resource);
    if (d.allow) return ALLOW;
    reasons.push(d.reason);
  }
  return deny(strongest(reasons));
}

function decideOne(atom: RuleAtom, subject: Subject, resource: Resource | undefined): Decision {
  const who = kindDecision(atom, subject);
  if (!who.allow) return who;
  if (atom.kind === "owner" && (!resource || resource.ownerId === null || resource.ownerId !== subject.userId))
    return deny("not_owner");
  if (atom.kind === "purchased" && atom.product === null && (!resource || !matches(purchasedFilter(subject), resource)))
    return deny("no_purchase");
  if (atom.where.length === 0) return ALLOW;
  if (!resource || !matches(conditionsFilter(atom, subject), resource)) return deny("condition");
  return ALLOW;
}

/**
 * The decision for a subject on a document it would own and that meets every condition: the
 * answer that does not depend on any stored row. Routes ask this before touching storage so that
 * a refusal (401, 403) can never reveal whether a given id exists.
 */
export function bestCase(rule: Rule | undefined, subject: Subject): Decision {
  const reasons: DenyReason[] = [];
  for (const atom of alternatives(rule)) {
    const d = kindDecision(atom, subject);
    if (d.allow) return ALLOW;
    reasons.push(d.reason);
  }
  return deny(strongest(reasons));
}

/**
 * What a list may return: the OR of every alternative the subject may use, each narrowed to the
 * subject's own rows (`owner`) and to its conditions. A rule no alternative of which the subject
 * may use is a refusal with the most helpful reason (T12: other owners' rows are never read).
 */
export function listScope(rule: Rule | undefined, subject: Subject): ListScope {
  const filters: Filter[] = [];
  const reasons: DenyReason[] = [];
  for (const atom of alternatives(rule)) {
    const who = kindDecision(atom, subject);
    if (!who.allow) {
      reasons.push(who.reason);
      continue;
    }
    filters.push(allOf([kindFilter(atom, subject), conditionsFilter(atom, subject)]));
  }
  if (filters.length === 0) return { kind: "none", reason: strongest(reasons) };
  return { kind: "filter", filter: anyOf(filters) };
}

/** Both scopes at once: what `a` and `b` allow together (a list needs its list and read rules). */
export function bothScopes(a: ListScope, b: ListScope): ListScope {
  if (a.kind === "none") return a;
  if (b.kind === "none") return b;
  // The list and read rules are often the same rule: one copy of the filter is enough.
  if (JSON.stringify(a.filter) === JSON.stringify(b.filter)) return a;
  return { kind: "filter", filter: allOf([a.filter, b.filter]) };
}
