/**
 * The rule grammar, defined once (docs/design.md#rules). A rule is up to three alternatives
 * joined by `|` (allowed when any one allows); each alternative is a kind, optionally followed by
 * `where` and up to four conditions on the document joined by `and`:
 *
 *   owner | public where shared = true
 *   authenticated where visibility in ["members", "public"]
 *   owner where locked != true
 *
 * A closed language on purpose: the only values are literals and `@user` (the caller's id), the
 * only operators compare one field with one value. Nothing in it can name a table, call a
 * function or match a pattern, so a rule can never become SQL, server code or a regex. The
 * manifest schema validates rules with `parseRule` (syntax) and `checkRule` (fields, check.ts);
 * the evaluator parses with it again and treats anything that does not parse as `nobody`.
 */

export type Literal = string | number | boolean | null;
/** A value on the right of a comparison: a literal, or `@user`, the caller's user id. */
export type Operand = { kind: "literal"; value: Literal } | { kind: "user" };

export type EqualityOp = "=" | "!=";
export type OrderOp = "<" | "<=" | ">" | ">=";

export type Condition =
  | { field: string; op: EqualityOp; value: Operand }
  | { field: string; op: OrderOp; value: { kind: "literal"; value: Literal } }
  | { field: string; op: "in" | "not in"; values: readonly Literal[] };

export type RuleKind =
  | { kind: "public" }
  | { kind: "authenticated" }
  /** A signed-in end user who confirmed their email address (the link in the sign-up mail). */
  | { kind: "verified" }
  | { kind: "owner"; plan: string | null }
  | { kind: "plan"; plan: string }
  | { kind: "creator" }
  /** `purchased:<product>`: the caller bought the product; bare `purchased`: the caller bought this document. */
  | { kind: "purchased"; product: string | null }
  | { kind: "nobody" };

/** One alternative: who (the kind) and, optionally, what the document must look like. */
export type RuleAtom = RuleKind & { where: readonly Condition[] };

/** The alternatives of one rule, in the order written. */
export type ParsedRule = readonly RuleAtom[];

export type RuleParse = { ok: true; rule: ParsedRule } | { ok: false; message: string };

export const MAX_ALTERNATIVES = 3;
export const MAX_CONDITIONS = 4;
export const MAX_LIST_VALUES = 20;
export const MAX_STRING_LITERAL = 200;
export const MAX_RULE_LENGTH = 500;
const PLAN_ID_SOURCE = "[a-z][a-z0-9_-]{0,31}";
const PLAN_ID = new RegExp(`^${PLAN_ID_SOURCE}$`);
const FIELD_SOURCE = "[a-z][a-zA-Z0-9_]{0,39}";
const FIELD = new RegExp(`^${FIELD_SOURCE}$`);
// Bounded digits, so every number the grammar accepts is finite (the editors' pattern agrees).
const NUMBER_SOURCE = "-?(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,15})?(?:[eE][+-]?[0-9]{1,2})?";
const NUMBER = new RegExp(`^${NUMBER_SOURCE}$`);

/** The words of the grammar; `plan:<id>` and `owner&plan:<id>` take a plan id after the prefix. */
const KEYWORDS = ["public", "authenticated", "verified", "owner", "creator", "purchased", "nobody"] as const;
const PLAN_PREFIXES = { "plan:": "plan", "owner&plan:": "owner", "purchased:": "purchased" } as const;
const EQUALITY: readonly string[] = ["=", "!="];
const ORDER: readonly string[] = ["<", "<=", ">", ">="];

export const RULE_GRAMMAR =
  "a rule is public, authenticated, verified, owner, creator, nobody, plan:<id>, owner&plan:<id>, purchased or " +
  "purchased:<product>, " +
  "each optionally followed by " +
  `"where <field> <op> <value>" (up to ${MAX_CONDITIONS} joined by "and"; op =, !=, <, <=, >, >=, in, not in), ` +
  `and up to ${MAX_ALTERNATIVES} of these joined by | (e.g. owner | public where shared = true)`;

// --- Tokens ---------------------------------------------------------------------------------

type Token =
  | { t: "word"; text: string; at: number; spaced: boolean }
  | { t: "string"; value: string; at: number; spaced: boolean }
  | { t: "punct"; text: "|" | "[" | "]" | "," | "=" | "!=" | "<" | "<=" | ">" | ">="; at: number; spaced: boolean };

/** Characters a word may hold: identifiers, kinds (`owner&plan:pro`), numbers, `@user`. */
const WORD_CHAR = /[A-Za-z0-9_:&@.+-]/;

class Bad extends Error {}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    while (text[i] === " ") i++;
    const spaced = i > start || i === 0;
    if (i >= text.length) break;
    const ch = text.charAt(i);
    const at = i;
    if (ch === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new Bad(`a string starting at character ${at + 1} is not closed`);
        const c = text.charAt(i);
        if (c === '"') break;
        if (c === "\\") {
          const next = text[i + 1];
          if (next !== '"' && next !== "\\") throw new Bad(`only \\" and \\\\ may be escaped (character ${i + 1})`);
          value += next;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      i++;
      if (value.length > MAX_STRING_LITERAL)
        throw new Bad(`a string may hold at most ${MAX_STRING_LITERAL} characters`);
      out.push({ t: "string", value, at, spaced });
    } else if (ch === "!" || ch === "<" || ch === ">") {
      const two = text.slice(i, i + 2);
      if (two === "!=" || two === "<=" || two === ">=") {
        out.push({ t: "punct", text: two, at, spaced });
        i += 2;
      } else if (ch !== "!") {
        out.push({ t: "punct", text: ch as "<" | ">", at, spaced });
        i++;
      } else throw new Bad(`"!" must be followed by "=" (character ${at + 1})`);
    } else if (ch === "|" || ch === "[" || ch === "]" || ch === "," || ch === "=") {
      out.push({ t: "punct", text: ch, at, spaced });
      i++;
    } else if (WORD_CHAR.test(ch)) {
      while (i < text.length && WORD_CHAR.test(text.charAt(i))) i++;
      out.push({ t: "word", text: text.slice(at, i), at, spaced });
    } else {
      throw new Bad(`unexpected character ${JSON.stringify(ch)} at ${at + 1}`);
    }
  }
  return out;
}

// --- Parser ---------------------------------------------------------------------------------

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(what: string): Token {
    const tok = this.tokens[this.i++];
    if (!tok) throw new Bad(`expected ${what} at the end`);
    return tok;
  }

  private describe(tok: Token): string {
    return `${tok.t === "string" ? JSON.stringify(tok.value) : `"${tok.text}"`} at character ${tok.at + 1}`;
  }

  /** `where`, `and`, `in` and `not` stand apart: a space before them and after them. */
  private keyword(word: string): boolean {
    const tok = this.peek();
    const after = this.tokens[this.i + 1];
    if (tok?.t !== "word" || tok.text !== word || !tok.spaced) return false;
    if (!after?.spaced) throw new Bad(`"${word}" must be followed by a space (character ${tok.at + 1})`);
    this.i++;
    return true;
  }

  rule(): ParsedRule {
    const atoms: RuleAtom[] = [this.alternative()];
    while (this.peek()) {
      const tok = this.next("|");
      if (tok.t !== "punct" || tok.text !== "|")
        throw new Bad(`expected "|", "and" or the end, found ${this.describe(tok)}`);
      if (atoms.length === MAX_ALTERNATIVES)
        throw new Bad(`at most ${MAX_ALTERNATIVES} alternatives may be joined by |`);
      atoms.push(this.alternative());
    }
    return atoms;
  }

  private alternative(): RuleAtom {
    const tok = this.next(`a kind (${KIND_LIST})`);
    const kind = tok.t === "word" ? kindOf(tok.text) : null;
    if (!kind) throw new Bad(`${this.describe(tok)} is not a kind (${KIND_LIST})`);
    const where: Condition[] = [];
    if (this.keyword("where")) {
      if (kind.kind === "nobody") throw new Bad("nobody takes no conditions");
      do {
        if (where.length === MAX_CONDITIONS)
          throw new Bad(`at most ${MAX_CONDITIONS} conditions may be joined by "and"`);
        where.push(this.condition());
      } while (this.keyword("and"));
    }
    return { ...kind, where };
  }

  private condition(): Condition {
    const f = this.next("a field name");
    if (f.t !== "word" || !FIELD.test(f.text)) throw new Bad(`expected a field name, found ${this.describe(f)}`);
    const field = f.text;
    if (this.keyword("not")) {
      if (!this.keyword("in")) throw new Bad(`"not" must be followed by "in" (after ${field})`);
      return { field, op: "not in", values: this.list() };
    }
    if (this.keyword("in")) return { field, op: "in", values: this.list() };
    const op = this.next("an operator");
    if (op.t !== "punct" || (!EQUALITY.includes(op.text) && !ORDER.includes(op.text))) {
      throw new Bad(
        `expected an operator (=, !=, <, <=, >, >=, in, not in) after ${field}, found ${this.describe(op)}`,
      );
    }
    const value = this.operand();
    if (EQUALITY.includes(op.text)) return { field, op: op.text as EqualityOp, value };
    if (value.kind === "user") throw new Bad(`@user can only be compared with = or != (after ${field})`);
    return { field, op: op.text as OrderOp, value };
  }

  private operand(): Operand {
    const tok = this.peek();
    if (tok?.t === "word" && tok.text === "@user") {
      this.i++;
      return { kind: "user" };
    }
    return { kind: "literal", value: this.literal() };
  }

  private literal(): Literal {
    const tok = this.next("a value");
    if (tok.t === "string") return tok.value;
    if (tok.t === "word") {
      if (tok.text === "true") return true;
      if (tok.text === "false") return false;
      if (tok.text === "null") return null;
      if (NUMBER.test(tok.text) && Number.isFinite(Number(tok.text))) return Number(tok.text);
    }
    throw new Bad(`expected a value ("text", a number, true, false, null or @user), found ${this.describe(tok)}`);
  }

  private list(): Literal[] {
    const open = this.next("[");
    if (open.t !== "punct" || open.text !== "[") throw new Bad(`expected "[" after in, found ${this.describe(open)}`);
    const values: Literal[] = [this.literal()];
    for (;;) {
      const tok = this.next("] or ,");
      if (tok.t === "punct" && tok.text === "]") return values;
      if (tok.t !== "punct" || tok.text !== ",") throw new Bad(`expected "," or "]", found ${this.describe(tok)}`);
      if (values.length === MAX_LIST_VALUES) throw new Bad(`a list holds at most ${MAX_LIST_VALUES} values`);
      values.push(this.literal());
    }
  }
}

const KIND_LIST =
  "public, authenticated, verified, owner, creator, nobody, plan:<id>, owner&plan:<id>, purchased, purchased:<id>";

function kindOf(text: string): RuleKind | null {
  if ((KEYWORDS as readonly string[]).includes(text)) {
    if (text === "owner") return { kind: "owner", plan: null };
    if (text === "purchased") return { kind: "purchased", product: null };
    return { kind: text } as RuleKind;
  }
  for (const [prefix, kind] of Object.entries(PLAN_PREFIXES)) {
    if (!text.startsWith(prefix)) continue;
    const id = text.slice(prefix.length);
    if (!PLAN_ID.test(id)) return null;
    if (kind === "purchased") return { kind: "purchased", product: id };
    return kind === "plan" ? { kind: "plan", plan: id } : { kind: "owner", plan: id };
  }
  return null;
}

export function parseRule(text: string): RuleParse {
  if (typeof text !== "string" || text.trim().length === 0 || text.length > MAX_RULE_LENGTH) {
    return { ok: false, message: `${RULE_GRAMMAR}; a rule holds 1 to ${MAX_RULE_LENGTH} characters` };
  }
  try {
    return { ok: true, rule: new Parser(tokenize(text)).rule() };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, message: `${RULE_GRAMMAR}; in "${text}": ${e.message}` };
    throw e;
  }
}

/** Plan ids a parsed rule names, for the manifest's cross-reference check. */
export function plansNamed(rule: ParsedRule): string[] {
  return rule.flatMap((a) => (a.kind === "plan" || (a.kind === "owner" && a.plan !== null) ? [a.plan as string] : []));
}

/** Every field a parsed rule's conditions name. */
export function fieldsNamed(rule: ParsedRule): string[] {
  return [...new Set(rule.flatMap((a) => a.where.map((c) => c.field)))];
}

/**
 * The same grammar as a regular expression, only for editors' JSON Schema (template.schema.json).
 * policy/rules.test.ts checks that it accepts exactly what `parseRule` accepts on a corpus.
 */
export function rulePatternForEditors(): string {
  const S = " +";
  const O = " *";
  const kind = `(?:${[...KEYWORDS, ...Object.keys(PLAN_PREFIXES).map((p) => `${p}${PLAN_ID_SOURCE}`)].join("|")})`;
  const string = `"(?:[^"\\\\]|\\\\["\\\\]){0,${MAX_STRING_LITERAL}}"`;
  const literal = `(?:${string}|${NUMBER_SOURCE}|true|false|null)`;
  const compare = `${FIELD_SOURCE}${O}(?:(?:=|!=)${O}(?:${literal}|@user)|(?:<=|>=|<|>)${O}${literal})`;
  const list = `\\[${O}${literal}(?:${O},${O}${literal}){0,${MAX_LIST_VALUES - 1}}${O}\\]`;
  const inList = `${FIELD_SOURCE}${S}(?:not${S})?in${S}${list}`;
  const condition = `(?:${compare}|${inList})`;
  const noConditions = `(?:${kind.replace("nobody|", "")})`;
  const conditions = `${S}where${S}${condition}(?:${S}and${S}${condition}){0,${MAX_CONDITIONS - 1}}`;
  const alternative = `(?:nobody|${noConditions}(?:${conditions})?)`;
  return `^${O}${alternative}(?:${O}\\|${O}${alternative}){0,${MAX_ALTERNATIVES - 1}}${O}$`;
}
