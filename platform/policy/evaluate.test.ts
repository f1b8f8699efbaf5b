import { describe, expect, it } from "vitest";
import type { Rule } from "../manifest/schema";
import { bestCase, type DenyReason, evaluate, listScope, type Action, type Subject } from "./evaluate";
import { matches, type RuleDocument } from "./filter";

/** The record under test belongs to u1. */
const RECORD: RuleDocument = { ownerId: "u1", data: {} };
/** What a list is run over: one document of each owner, and an anonymous one. */
const LIST_DOCS: RuleDocument[] = ["u1", "u2", "u3", null].map((ownerId) => ({ ownerId, data: {} }));

const SUBJECTS = {
  anonymous: { userId: null, plans: [] },
  owner: { userId: "u1", plans: [] },
  other: { userId: "u2", plans: [] },
  entitledOwner: { userId: "u1", plans: ["pro"] },
  entitledOther: { userId: "u2", plans: ["pro"] },
  wrongPlanOwner: { userId: "u1", plans: ["basic"] },
  creator: { userId: "u3", plans: [], isCreator: true },
} satisfies Record<string, Subject>;
type Who = keyof typeof SUBJECTS;

/** Outcome for read/update/delete of RECORD; create uses the subject as owner; list is a scope. */
type Outcome = "allow" | DenyReason;
type Scope = "all" | "own" | DenyReason;

interface Row {
  record: Record<Who, Outcome>;
  create: Record<Who, Outcome>;
  list: Record<Who, Scope>;
}

const TABLE: Record<string, Row> = {
  public: {
    record: {
      anonymous: "allow",
      owner: "allow",
      other: "allow",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "allow",
      creator: "allow",
    },
    create: {
      anonymous: "allow",
      owner: "allow",
      other: "allow",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "allow",
      creator: "allow",
    },
    list: {
      anonymous: "all",
      owner: "all",
      other: "all",
      entitledOwner: "all",
      entitledOther: "all",
      wrongPlanOwner: "all",
      creator: "all",
    },
  },
  authenticated: {
    record: {
      anonymous: "unauthenticated",
      owner: "allow",
      other: "allow",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "allow",
      creator: "allow",
    },
    create: {
      anonymous: "unauthenticated",
      owner: "allow",
      other: "allow",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "allow",
      creator: "allow",
    },
    list: {
      anonymous: "unauthenticated",
      owner: "all",
      other: "all",
      entitledOwner: "all",
      entitledOther: "all",
      wrongPlanOwner: "all",
      creator: "all",
    },
  },
  owner: {
    record: {
      anonymous: "unauthenticated",
      owner: "allow",
      other: "not_owner",
      entitledOwner: "allow",
      entitledOther: "not_owner",
      wrongPlanOwner: "allow",
      creator: "not_owner",
    },
    create: {
      anonymous: "unauthenticated",
      owner: "allow",
      other: "allow",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "allow",
      creator: "allow",
    },
    list: {
      anonymous: "unauthenticated",
      owner: "own",
      other: "own",
      entitledOwner: "own",
      entitledOther: "own",
      wrongPlanOwner: "own",
      creator: "own",
    },
  },
  "plan:pro": {
    record: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "no_plan",
      creator: "no_plan",
    },
    create: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "no_plan",
      creator: "no_plan",
    },
    list: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "all",
      entitledOther: "all",
      wrongPlanOwner: "no_plan",
      creator: "no_plan",
    },
  },
  "owner&plan:pro": {
    record: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "allow",
      entitledOther: "not_owner",
      wrongPlanOwner: "no_plan",
      creator: "no_plan",
    },
    create: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "no_plan",
      creator: "no_plan",
    },
    list: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "own",
      entitledOther: "own",
      wrongPlanOwner: "no_plan",
      creator: "no_plan",
    },
  },
  nobody: {
    record: {
      anonymous: "denied",
      owner: "denied",
      other: "denied",
      entitledOwner: "denied",
      entitledOther: "denied",
      wrongPlanOwner: "denied",
      creator: "denied",
    },
    create: {
      anonymous: "denied",
      owner: "denied",
      other: "denied",
      entitledOwner: "denied",
      entitledOther: "denied",
      wrongPlanOwner: "denied",
      creator: "denied",
    },
    list: {
      anonymous: "denied",
      owner: "denied",
      other: "denied",
      entitledOwner: "denied",
      entitledOther: "denied",
      wrongPlanOwner: "denied",
      creator: "denied",
    },
  },
  creator: {
    record: {
      anonymous: "unauthenticated",
      owner: "denied",
      other: "denied",
      entitledOwner: "denied",
      entitledOther: "denied",
      wrongPlanOwner: "denied",
      creator: "allow",
    },
    create: {
      anonymous: "unauthenticated",
      owner: "denied",
      other: "denied",
      entitledOwner: "denied",
      entitledOther: "denied",
      wrongPlanOwner: "denied",
      creator: "allow",
    },
    list: {
      anonymous: "unauthenticated",
      owner: "denied",
      other: "denied",
      entitledOwner: "denied",
      entitledOther: "denied",
      wrongPlanOwner: "denied",
      creator: "all",
    },
  },
  "owner|creator": {
    record: {
      anonymous: "unauthenticated",
      owner: "allow",
      other: "not_owner",
      entitledOwner: "allow",
      entitledOther: "not_owner",
      wrongPlanOwner: "allow",
      creator: "allow",
    },
    create: {
      anonymous: "unauthenticated",
      owner: "allow",
      other: "allow",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "allow",
      creator: "allow",
    },
    list: {
      anonymous: "unauthenticated",
      owner: "own",
      other: "own",
      entitledOwner: "own",
      entitledOther: "own",
      wrongPlanOwner: "own",
      creator: "all",
    },
  },
  "plan:pro|creator": {
    record: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "no_plan",
      creator: "allow",
    },
    create: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "allow",
      entitledOther: "allow",
      wrongPlanOwner: "no_plan",
      creator: "allow",
    },
    list: {
      anonymous: "unauthenticated",
      owner: "no_plan",
      other: "no_plan",
      entitledOwner: "all",
      entitledOther: "all",
      wrongPlanOwner: "no_plan",
      creator: "all",
    },
  },
};
// An absent rule is nobody (default deny).
TABLE["(absent)"] = TABLE.nobody!;

const ACTIONS: Action[] = ["list", "read", "create", "update", "delete"];

function outcomeOf(rule: Rule | undefined, action: Action, subject: Subject): Outcome | Scope {
  if (action === "list") {
    const scope = listScope(rule, subject);
    if (scope.kind === "none") return scope.reason;
    const shown = LIST_DOCS.filter((d) => matches(scope.filter, d));
    if (shown.length === LIST_DOCS.length) return "all";
    if (
      shown.every((d) => d.ownerId === subject.userId) &&
      shown.length === LIST_DOCS.filter((d) => d.ownerId === subject.userId).length
    )
      return "own";
    return "denied";
  }
  const resource =
    action === "create" ? (subject.userId === null ? undefined : { ownerId: subject.userId, data: {} }) : RECORD;
  const d = evaluate(rule, subject, resource);
  return d.allow ? "allow" : d.reason;
}

const cases: Array<[string, Action, Who, Outcome | Scope]> = [];
for (const [rule, row] of Object.entries(TABLE)) {
  for (const action of ACTIONS) {
    for (const who of Object.keys(SUBJECTS) as Who[]) {
      const want = action === "list" ? row.list[who] : action === "create" ? row.create[who] : row.record[who];
      cases.push([rule, action, who, want]);
    }
  }
}

describe("evaluate × every rule × every action × every subject", () => {
  it("has a case for every combination", () => {
    expect(cases).toHaveLength(10 * ACTIONS.length * Object.keys(SUBJECTS).length);
  });
  it.each(cases)("%s / %s / %s → %s", (rule, action, who, want) => {
    const r = rule === "(absent)" ? undefined : (rule as Rule);
    expect(outcomeOf(r, action, SUBJECTS[who])).toBe(want);
  });
});

describe("list scope carries the owner filter", () => {
  it("narrows owner lists to the subject's id", () => {
    expect(listScope("owner", SUBJECTS.other)).toEqual({
      kind: "filter",
      filter: { kind: "compare", field: "ownerId", op: "=", value: "u2" },
    });
  });
});

describe("edge cases", () => {
  it("an owner rule without a resource or with an ownerless record denies", () => {
    expect(evaluate("owner", SUBJECTS.owner)).toEqual({ allow: false, reason: "not_owner" });
    expect(evaluate("owner", SUBJECTS.owner, { ownerId: null, data: {} })).toEqual({
      allow: false,
      reason: "not_owner",
    });
  });
  it("malformed rules are nobody", () => {
    for (const bad of [
      "plan:",
      "owner&plan:",
      "Public",
      "owner||plan:pro",
      "",
      "public|x",
      "owner|creator|public|nobody",
      "creator&plan:pro",
    ]) {
      expect(evaluate(bad as Rule, SUBJECTS.entitledOwner, RECORD)).toEqual({ allow: false, reason: "denied" });
    }
  });
  it("bestCase ignores stored rows", () => {
    expect(bestCase("owner", SUBJECTS.other)).toEqual({ allow: true });
    expect(bestCase("owner", SUBJECTS.anonymous)).toEqual({ allow: false, reason: "unauthenticated" });
    expect(bestCase("owner&plan:pro", SUBJECTS.owner)).toEqual({ allow: false, reason: "no_plan" });
  });
});
