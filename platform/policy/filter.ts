import type { Literal } from "./rules";

/**
 * What a rule asks of a document once the caller is known: a small boolean tree over the
 * document's owner and fields. The same tree is evaluated here on one document (read, update,
 * delete, create) and compiled into parameterised SQL for lists (platform/object/query.ts), so a
 * list can never show a document a read would refuse. The semantics are SQLite's, written out:
 *
 * - a field the document does not hold is null; `=`/`!=` are null-safe (`locked != true` holds
 *   for a document without `locked`), `in`/`not in` likewise;
 * - `<`, `<=`, `>`, `>=` are false when either side is null;
 * - booleans compare as 1/0 (SQLite's json_extract gives 1/0), values of different types order
 *   null < numbers < text, and text compares by code points (the order of SQLite's BINARY
 *   collation on UTF-8 bytes).
 */

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Filter =
  | { kind: "true" }
  | { kind: "false" }
  /** `field` is a declared field, or `ownerId` (the document's owner column). */
  | { kind: "compare"; field: string; op: CompareOp; value: Literal }
  | { kind: "in"; field: string; values: readonly Literal[]; negate: boolean }
  /**
   * The document is one `userId` bought and was not refunded: `documents` holds those ids for one
   * document's check, SQL reads the same purchase rows (query.ts).
   */
  | { kind: "purchased"; userId: string; documents: readonly string[] }
  | { kind: "and"; parts: readonly Filter[] }
  | { kind: "or"; parts: readonly Filter[] };

/** A document as rules see it: its owner and its stored fields. */
export interface RuleDocument {
  /** Absent for a document not stored yet (a create): nobody has bought it. */
  id?: string;
  ownerId: string | null;
  data: Readonly<Record<string, unknown>>;
}

export const TRUE: Filter = { kind: "true" };
export const FALSE: Filter = { kind: "false" };

/** `a and b and …`, folded: any false is false, trues drop out. */
export function allOf(parts: readonly Filter[]): Filter {
  const kept: Filter[] = [];
  for (const p of parts) {
    if (p.kind === "false") return FALSE;
    if (p.kind === "true") continue;
    if (p.kind === "and") kept.push(...p.parts);
    else kept.push(p);
  }
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? (kept[0] as Filter) : { kind: "and", parts: kept };
}

/** `a or b or …`, folded: any true is true, falses drop out. */
export function anyOf(parts: readonly Filter[]): Filter {
  const kept: Filter[] = [];
  for (const p of parts) {
    if (p.kind === "true") return TRUE;
    if (p.kind === "false") continue;
    if (p.kind === "or") kept.push(...p.parts);
    else kept.push(p);
  }
  if (kept.length === 0) return FALSE;
  return kept.length === 1 ? (kept[0] as Filter) : { kind: "or", parts: kept };
}

/** A stored value as SQLite's json_extract returns it. */
export type SqlValue = string | number | null;

export function sqlValue(v: unknown): SqlValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

/** The value of `field` in a document, as SQL would see it. */
export function fieldValue(doc: RuleDocument, field: string): SqlValue {
  if (field === "ownerId") return doc.ownerId;
  return Object.hasOwn(doc.data, field) ? sqlValue(doc.data[field]) : null;
}

const rank = (v: SqlValue): number => (v === null ? 0 : typeof v === "number" ? 1 : 2);

/** SQLite's ordering of two non-null values of any storage class we hold. */
export function compareSql(a: Exclude<SqlValue, null>, b: Exclude<SqlValue, null>): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number") return a - (b as number);
  return compareCodePoints(a, b as string);
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

function compare(left: SqlValue, op: CompareOp, literal: Literal): boolean {
  const right = sqlValue(literal);
  if (op === "=") return left === null || right === null ? left === right : compareSql(left, right) === 0;
  if (op === "!=") return left === null || right === null ? left !== right : compareSql(left, right) !== 0;
  if (left === null || right === null) return false;
  const c = compareSql(left, right);
  return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
}

/** Does the document satisfy the filter? */
export function matches(filter: Filter, doc: RuleDocument): boolean {
  switch (filter.kind) {
    case "true":
      return true;
    case "false":
      return false;
    case "compare":
      return compare(fieldValue(doc, filter.field), filter.op, filter.value);
    case "in": {
      const v = fieldValue(doc, filter.field);
      const found = filter.values.some((x) => compare(v, "=", x));
      return filter.negate ? !found : found;
    }
    case "purchased":
      return doc.id !== undefined && filter.documents.includes(doc.id);
    case "and":
      return filter.parts.every((p) => matches(p, doc));
    case "or":
      return filter.parts.some((p) => matches(p, doc));
  }
}

/** Every field a filter reads (for indexes and for the cursor binding). */
export function filterFields(filter: Filter): string[] {
  switch (filter.kind) {
    case "compare":
    case "in":
      return [filter.field];
    case "and":
    case "or":
      return [...new Set(filter.parts.flatMap(filterFields))];
    default:
      return [];
  }
}
