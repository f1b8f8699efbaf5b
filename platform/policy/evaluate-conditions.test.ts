import { describe, expect, it } from "vitest";
import { bestCase, type DenyReason, evaluate, listScope, type Action, type Subject } from "./evaluate";
import { matches, type RuleDocument } from "./filter";

/**
 * The evaluator on rules that read the record (`where …`) and on purchases: every conditional rule
 * shape × action × subject × document state, the best case the studio and the builder use, and
 * the `purchased` atoms. Unconditional rules are evaluate.test.ts.
 */

const ACTIONS: Action[] = ["list", "read", "create", "update", "delete"];

// --- Conditional rules: every shape × action × subject × document state ----------------------

/**
 * Subjects of the conditional table, in the order of each outcome string below. `member` is u2
 * holding plan pro.
 */
const C_SUBJECTS = {
  anonymous: { userId: null, plans: [] },
  owner: { userId: "u1", plans: [] },
  other: { userId: "u2", plans: [] },
  member: { userId: "u2", plans: ["pro"] },
  creator: { userId: "u3", plans: [], isCreator: true },
} satisfies Record<string, Subject>;
type CWho = keyof typeof C_SUBJECTS;
const C_ORDER: CWho[] = ["anonymous", "owner", "other", "member", "creator"];

/** Document states: the fields a rule reads. S3 holds none of them (every field absent). */
const STATES = {
  S1: { shared: true, status: "published", visibility: "public", locked: false, assignee: "u2", price: 5 },
  S2: { shared: false, status: "draft", visibility: "private", locked: true, assignee: "u1", price: 50 },
  S3: {},
} satisfies Record<string, Record<string, unknown>>;
type State = keyof typeof STATES;

/** One letter per subject (C_ORDER): A allow, U unauthenticated, P no_plan, O not_owner, C condition, D denied. */
const LETTER: Record<string, "allow" | DenyReason> = {
  A: "allow",
  U: "unauthenticated",
  P: "no_plan",
  O: "not_owner",
  C: "condition",
  D: "denied",
};

interface ConditionalRow {
  /** read, update and delete of a document of u1 in each state. */
  record: Record<State, string>;
  /** create of a document in each state, owned by the subject. */
  create: Record<State, string>;
  /**
   * A list over six documents, each state owned by u1 ("1a", "2a", "3a") and by u2 ("1b"…): the
   * ones shown, or a refusal letter.
   */
  list: Record<CWho, string>;
}

const CONDITIONAL: Record<string, ConditionalRow> = {
  "public where shared = true": {
    record: { S1: "AAAAA", S2: "CCCCC", S3: "CCCCC" },
    create: { S1: "AAAAA", S2: "CCCCC", S3: "CCCCC" },
    list: { anonymous: "1a 1b", owner: "1a 1b", other: "1a 1b", member: "1a 1b", creator: "1a 1b" },
  },
  'owner | public where status = "published"': {
    record: { S1: "AAAAA", S2: "UACCC", S3: "UACCC" },
    create: { S1: "AAAAA", S2: "UAAAA", S3: "UAAAA" },
    list: { anonymous: "1a 1b", owner: "1a 2a 3a 1b", other: "1a 1b 2b 3b", member: "1a 1b 2b 3b", creator: "1a 1b" },
  },
  'authenticated where visibility in ["members", "public"]': {
    record: { S1: "UAAAA", S2: "UCCCC", S3: "UCCCC" },
    create: { S1: "UAAAA", S2: "UCCCC", S3: "UCCCC" },
    list: { anonymous: "U", owner: "1a 1b", other: "1a 1b", member: "1a 1b", creator: "1a 1b" },
  },
  "owner where locked != true": {
    record: { S1: "UAOOO", S2: "UCOOO", S3: "UAOOO" },
    create: { S1: "UAAAA", S2: "UCCCC", S3: "UAAAA" },
    list: { anonymous: "U", owner: "1a 3a", other: "1b 3b", member: "1b 3b", creator: "" },
  },
  "owner where locked = false": {
    record: { S1: "UAOOO", S2: "UCOOO", S3: "UCOOO" },
    create: { S1: "UAAAA", S2: "UCCCC", S3: "UCCCC" },
    list: { anonymous: "U", owner: "1a", other: "1b", member: "1b", creator: "" },
  },
  "authenticated where assignee = @user": {
    record: { S1: "UCAAC", S2: "UACCC", S3: "UCCCC" },
    create: { S1: "UCAAC", S2: "UACCC", S3: "UCCCC" },
    list: { anonymous: "U", owner: "2a 2b", other: "1a 1b", member: "1a 1b", creator: "" },
  },
  "plan:pro where price < 10 | creator": {
    record: { S1: "UPPAA", S2: "UPPCA", S3: "UPPCA" },
    create: { S1: "UPPAA", S2: "UPPCA", S3: "UPPCA" },
    list: { anonymous: "U", owner: "P", other: "P", member: "1a 1b", creator: "1a 2a 3a 1b 2b 3b" },
  },
  'owner&plan:pro where status not in ["draft"]': {
    record: { S1: "UPPOP", S2: "UPPOP", S3: "UPPOP" },
    create: { S1: "UPPAP", S2: "UPPCP", S3: "UPPAP" },
    list: { anonymous: "U", owner: "P", other: "P", member: "1b 3b", creator: "P" },
  },
  // Malformed ("yes" is not a value): the whole rule is nobody.
  "public where shared = yes": {
    record: { S1: "DDDDD", S2: "DDDDD", S3: "DDDDD" },
    create: { S1: "DDDDD", S2: "DDDDD", S3: "DDDDD" },
    list: { anonymous: "D", owner: "D", other: "D", member: "D", creator: "D" },
  },
};

const LIST_STATES: Array<[string, RuleDocument]> = (["a", "b"] as const).flatMap((o) =>
  (Object.keys(STATES) as State[]).map((st): [string, RuleDocument] => [
    `${st.slice(1)}${o}`,
    { ownerId: o === "a" ? "u1" : "u2", data: STATES[st] },
  ]),
);

function conditionalOutcome(rule: string, action: Action, who: CWho, state: State): string {
  const subject = C_SUBJECTS[who];
  if (action === "list") {
    const scope = listScope(rule, subject);
    if (scope.kind === "none") return Object.keys(LETTER).find((k) => LETTER[k] === scope.reason) as string;
    // Labels are "<state><owner>": sorted by owner, then state ("1a 2a 3a 1b").
    const byOwner = (a: string, b: string): number => (a.slice(1) + a).localeCompare(b.slice(1) + b);
    return LIST_STATES.filter(([, d]) => matches(scope.filter, d))
      .map(([label]) => label)
      .sort(byOwner)
      .join(" ");
  }
  const doc: RuleDocument =
    action === "create" ? { ownerId: subject.userId, data: STATES[state] } : { ownerId: "u1", data: STATES[state] };
  const d = evaluate(rule, subject, doc);
  return d.allow ? "allow" : d.reason;
}

const conditionalCases: Array<[string, Action, CWho, State, string]> = [];
for (const [rule, row] of Object.entries(CONDITIONAL)) {
  for (const action of ACTIONS) {
    for (const [i, who] of C_ORDER.entries()) {
      if (action === "list") {
        conditionalCases.push([rule, action, who, "S1", row.list[who]]);
        continue;
      }
      for (const state of Object.keys(STATES) as State[]) {
        const letters = action === "create" ? row.create[state] : row.record[state];
        conditionalCases.push([rule, action, who, state, LETTER[letters[i] as string] as string]);
      }
    }
  }
}

describe("conditional rules × every action × every subject × every document state", () => {
  it("has a case for every combination", () => {
    const perRule = (ACTIONS.length - 1) * C_ORDER.length * Object.keys(STATES).length + C_ORDER.length;
    expect(conditionalCases).toHaveLength(Object.keys(CONDITIONAL).length * perRule);
  });
  it.each(conditionalCases)("%s / %s / %s / %s → %s", (rule, action, who, state, want) => {
    expect(conditionalOutcome(rule, action, who, state)).toBe(want);
  });
});

describe("conditions and the best case", () => {
  it("bestCase assumes the conditions can hold, so a refusal never depends on a stored row", () => {
    expect(bestCase("public where shared = true", C_SUBJECTS.anonymous)).toEqual({ allow: true });
    expect(bestCase("owner where locked = false", C_SUBJECTS.other)).toEqual({ allow: true });
    expect(bestCase("authenticated where assignee = @user", C_SUBJECTS.anonymous)).toEqual({
      allow: false,
      reason: "unauthenticated",
    });
    expect(bestCase("plan:pro where price < 10", C_SUBJECTS.owner)).toEqual({ allow: false, reason: "no_plan" });
  });
  it("a conditional alternative without a document cannot be satisfied", () => {
    expect(evaluate("public where shared = true", C_SUBJECTS.owner)).toEqual({ allow: false, reason: "condition" });
  });
  it("@user is never null: a signed-out caller matches no document whose field is absent", () => {
    const scope = listScope("public where assignee = @user | public where shared = true", C_SUBJECTS.anonymous);
    expect(scope.kind).toBe("filter");
    if (scope.kind === "filter") expect(matches(scope.filter, { ownerId: null, data: {} })).toBe(false);
  });
});

describe("purchased: one-time purchases in rules", () => {
  const buyer: Subject = { userId: "u1", plans: [], purchases: ["ebook"], purchasedDocuments: ["d1"] };
  const stranger: Subject = { userId: "u2", plans: [] };
  const doc = (id: string): RuleDocument => ({ id, ownerId: "someone", data: {} });

  it("purchased:<product> allows the buyer of that product only", () => {
    expect(evaluate("purchased:ebook", buyer, doc("d9"))).toEqual({ allow: true });
    expect(evaluate("purchased:course", buyer, doc("d9"))).toEqual({ allow: false, reason: "no_purchase" });
    expect(evaluate("purchased:ebook", stranger, doc("d9"))).toEqual({ allow: false, reason: "no_purchase" });
    expect(evaluate("purchased:ebook", { userId: null, plans: [] })).toEqual({
      allow: false,
      reason: "unauthenticated",
    });
    expect(listScope("purchased:ebook", buyer)).toEqual({ kind: "filter", filter: { kind: "true" } });
    expect(listScope("purchased:ebook", stranger)).toEqual({ kind: "none", reason: "no_purchase" });
  });

  it("bare purchased allows the documents the subject bought, in one check and in a list alike", () => {
    expect(evaluate("purchased", buyer, doc("d1"))).toEqual({ allow: true });
    expect(evaluate("purchased", buyer, doc("d2"))).toEqual({ allow: false, reason: "no_purchase" });
    // A document not stored yet (a create) has no id: nobody bought it.
    expect(evaluate("purchased", buyer, { ownerId: "u1", data: {} })).toEqual({ allow: false, reason: "no_purchase" });
    expect(evaluate("purchased", stranger, doc("d1"))).toEqual({ allow: false, reason: "no_purchase" });
    const scope = listScope("purchased | public where free = true", buyer);
    expect(scope).toEqual({
      kind: "filter",
      filter: {
        kind: "or",
        parts: [
          { kind: "purchased", userId: "u1", documents: ["d1"] },
          { kind: "compare", field: "free", op: "=", value: true },
        ],
      },
    });
    expect(listScope("purchased", { userId: null, plans: [] })).toEqual({ kind: "none", reason: "unauthenticated" });
  });
});
