import { badRequest } from "../errors";
import type { CollectionSpec, FieldSpec } from "../manifest/schema";
import { MAX_INDEXED_TEXT } from "../manifest/schema";
import type { Subject } from "../policy/evaluate";
import { allOf, FALSE, type Filter } from "../policy/filter";
import type { Literal } from "../policy/rules";
import { BY_CREATION, type Sort } from "./query";

/**
 * The caller's part of a list: `?where[field]=value` (equality, on the collection's `indexed`
 * fields, or `where[ownerId]=@me`) and `?sort=[-]field` (`createdAt` or an indexed field). It can
 * only narrow: the result is ANDed with the rules' filter, never ORed, and no other field can be
 * named, so no filter or order can test a field the rules hide (T12, T57).
 */

export const MAX_WHERE = 4;
const WHERE_KEY = /^where\[([A-Za-z0-9_]{1,40})\]$/;
const NUMBER = /^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?(?:[eE][+-]?[0-9]{1,2})?$/;

export interface ListQuery {
  where: Filter;
  sort: Sort;
}

const invalidFilter = (message: string) => badRequest(message, "invalid_filter");

function filterable(spec: CollectionSpec): string {
  const fields = [...(spec.indexed ?? []).map((f) => `where[${f}]`), "where[ownerId]=@me"];
  return `This list can be filtered by ${fields.join(", ")}.`;
}

function parseValue(field: string, spec: FieldSpec, raw: string): Literal {
  switch (spec.type) {
    case "boolean":
      if (raw === "true" || raw === "false") return raw === "true";
      throw invalidFilter(`where[${field}] must be true or false.`);
    case "number":
      if (NUMBER.test(raw)) return Number(raw);
      throw invalidFilter(`where[${field}] must be a number.`);
    case "select":
      if (spec.options.includes(raw)) return raw;
      throw invalidFilter(`where[${field}] must be one of ${spec.options.join(", ")}.`);
    default:
      if (raw.length <= MAX_INDEXED_TEXT) return raw;
      throw invalidFilter(`where[${field}] may be at most ${MAX_INDEXED_TEXT} characters.`);
  }
}

function parseSort(spec: CollectionSpec, raw: string | null): Sort {
  if (raw === null) return BY_CREATION;
  const descending = raw.startsWith("-");
  const field = descending ? raw.slice(1) : raw;
  if (field === "createdAt" || (spec.indexed ?? []).includes(field)) return { field, descending };
  const allowed = ["createdAt", ...(spec.indexed ?? [])].flatMap((f) => [f, `-${f}`]);
  throw badRequest(`sort must be one of ${allowed.join(", ")}.`, "invalid_sort");
}

export function parseListQuery(spec: CollectionSpec, params: URLSearchParams, subject: Subject): ListQuery {
  const where = new Map<string, Filter>();
  const sorts = params.getAll("sort");
  if (sorts.length > 1) throw badRequest("sort may be given once.", "invalid_sort");
  for (const [key, raw] of params) {
    if (!key.startsWith("where")) continue;
    const field = WHERE_KEY.exec(key)?.[1];
    if (field === undefined) throw invalidFilter(`${key.slice(0, 60)} is not a filter. ${filterable(spec)}`);
    if (where.has(field)) throw invalidFilter(`where[${field}] may be given once.`);
    if (where.size === MAX_WHERE) throw invalidFilter(`At most ${MAX_WHERE} filters.`);
    if (field === "ownerId") {
      // Only the caller's own id: naming another owner would test a field visibility may hide.
      if (raw !== "@me") throw invalidFilter("where[ownerId] can only be @me (your own documents).");
      where.set(
        field,
        subject.userId === null ? FALSE : { kind: "compare", field: "ownerId", op: "=", value: subject.userId },
      );
      continue;
    }
    const fieldSpec =
      (spec.indexed ?? []).includes(field) && Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
    if (!fieldSpec) throw invalidFilter(`${field} is not a field this list can be filtered by. ${filterable(spec)}`);
    const value = parseValue(field, fieldSpec, raw);
    where.set(field, { kind: "compare", field, op: "=", value });
  }
  // Sorted by field, so the same filters in another order name the same list (and cursor scope).
  const ordered = [...where.keys()].sort().map((f) => where.get(f) as Filter);
  return { where: allOf(ordered), sort: parseSort(spec, sorts[0] ?? null) };
}
