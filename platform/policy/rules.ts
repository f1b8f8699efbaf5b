/**
 * The rule grammar, defined once. A rule is one kind, or up to three kinds joined by `|`
 * (allowed when any one allows): `plan:member|creator` lets subscribers and the app's creator
 * read paid posts. The manifest schema validates rules by calling `parseRule`; the evaluator
 * parses with it too, and treats anything that does not parse as `nobody` (default deny).
 */

export type RuleAtom =
  | { kind: "public" }
  | { kind: "authenticated" }
  | { kind: "owner"; plan: string | null }
  | { kind: "plan"; plan: string }
  | { kind: "creator" }
  | { kind: "nobody" };

/** The alternatives of one rule, in the order written. */
export type ParsedRule = readonly RuleAtom[];

export type RuleParse = { ok: true; rule: ParsedRule } | { ok: false; message: string };

export const MAX_ALTERNATIVES = 3;
const MAX_RULE_LENGTH = 200;
const PLAN_ID_SOURCE = "[a-z][a-z0-9_-]{0,31}";
const PLAN_ID = new RegExp(`^${PLAN_ID_SOURCE}$`);

/** The words of the grammar; `plan:<id>` and `owner&plan:<id>` take a plan id after the prefix. */
const KEYWORDS = ["public", "authenticated", "owner", "creator", "nobody"] as const;
const PLAN_PREFIXES = { "plan:": "plan", "owner&plan:": "owner" } as const;

export const RULE_GRAMMAR =
  "a rule is public, authenticated, owner, creator, nobody, plan:<id> or owner&plan:<id>, " +
  `or up to ${MAX_ALTERNATIVES} of these joined by | (e.g. plan:member|creator)`;

function parseAtom(text: string): RuleAtom | null {
  if ((KEYWORDS as readonly string[]).includes(text)) {
    return text === "owner" ? { kind: "owner", plan: null } : ({ kind: text } as RuleAtom);
  }
  for (const [prefix, kind] of Object.entries(PLAN_PREFIXES)) {
    if (!text.startsWith(prefix)) continue;
    const plan = text.slice(prefix.length);
    if (!PLAN_ID.test(plan)) return null;
    return kind === "plan" ? { kind: "plan", plan } : { kind: "owner", plan };
  }
  return null;
}

export function parseRule(text: string): RuleParse {
  if (text.length === 0 || text.length > MAX_RULE_LENGTH) return { ok: false, message: RULE_GRAMMAR };
  const parts = text.split("|");
  if (parts.length > MAX_ALTERNATIVES) {
    return { ok: false, message: `${RULE_GRAMMAR}; "${text}" joins ${parts.length}` };
  }
  const atoms: RuleAtom[] = [];
  for (const part of parts) {
    const atom = parseAtom(part);
    if (!atom) return { ok: false, message: `${RULE_GRAMMAR}; "${part}" is not one of them` };
    atoms.push(atom);
  }
  return { ok: true, rule: atoms };
}

/** Plan ids a parsed rule names, for the manifest's cross-reference check. */
export function plansNamed(rule: ParsedRule): string[] {
  return rule.flatMap((a) => (a.kind === "plan" || (a.kind === "owner" && a.plan !== null) ? [a.plan as string] : []));
}

/** The same grammar as a regular expression, only for editors' JSON Schema (template.schema.json). */
export function rulePatternForEditors(): string {
  const atom = `(?:${[...KEYWORDS, ...Object.keys(PLAN_PREFIXES).map((p) => `${p}${PLAN_ID_SOURCE}`)].join("|")})`;
  return `^${atom}(?:\\|${atom}){0,${MAX_ALTERNATIVES - 1}}$`;
}
