import { type SQL, sql } from "drizzle-orm";
import { type Filter, type SqlValue, sqlValue } from "../policy/filter";
import type { CursorPosition } from "./cursor";

/**
 * Rule filters (platform/policy/filter.ts) as SQL over the `documents` table, for lists. Every
 * value is a bound parameter; the only text written into the statement is a field name, which is
 * a manifest identifier (`[a-z][a-zA-Z0-9_]{0,39}`, checked again here) inside a JSON path, so the
 * expression is the same text as the index on it (indexes.ts) and SQLite can use that index.
 * policy/filter.ts spells out the semantics; query.test.ts runs both on the same documents.
 */

const FIELD = /^[a-z][a-zA-Z0-9_]{0,39}$/;

/** `json_extract(data, '$.<field>')`: the text of both the query and the index expression. */
export function fieldExpression(field: string): string {
  if (field === "ownerId") return "owner_id";
  if (!FIELD.test(field)) throw new Error(`not a field name: ${JSON.stringify(field)}`);
  return `json_extract(data, '$.${field}')`;
}

const expr = (field: string): SQL => sql.raw(fieldExpression(field));
const bound = (v: Exclude<SqlValue, null>): SQL => sql`${v}`;

export function filterSql(filter: Filter): SQL {
  switch (filter.kind) {
    case "true":
      return sql`1`;
    case "false":
      return sql`0`;
    case "compare": {
      const e = expr(filter.field);
      const v = sqlValue(filter.value);
      // `=` and `!=` are null-safe (IS / IS NOT); the order operators are false against null.
      if (filter.op === "=") return v === null ? sql`(${e} IS NULL)` : sql`(${e} = ${v})`;
      if (filter.op === "!=") return v === null ? sql`(${e} IS NOT NULL)` : sql`(${e} IS NOT ${v})`;
      if (v === null) return sql`0`;
      return sql`(${e} ${sql.raw(filter.op)} ${v})`;
    }
    case "in": {
      const e = expr(filter.field);
      const values = filter.values.map(sqlValue);
      const present = values.filter((v): v is Exclude<SqlValue, null> => v !== null);
      const parts: SQL[] = [];
      if (present.length > 0) parts.push(sql`${e} IN (${sql.join(present.map(bound), sql`, `)})`);
      if (present.length < values.length) parts.push(sql`${e} IS NULL`);
      const member = parts.length === 0 ? sql`0` : sql`(${sql.join(parts, sql` OR `)})`;
      // `x IN (...)` is NULL for a null x; coalesce so that `not in` holds for an absent field.
      return filter.negate ? sql`(coalesce(${member}, 0) = 0)` : member;
    }
    case "purchased":
      // The rows the subject's `purchasedDocuments` came from (api/session.ts), read again in this statement.
      return sql`(id IN (SELECT document_id FROM purchases
        WHERE user_id = ${filter.userId} AND refunded_at IS NULL AND document_id IS NOT NULL))`;
    case "and":
      return sql`(${sql.join(filter.parts.map(filterSql), sql` AND `)})`;
    case "or":
      return sql`(${sql.join(filter.parts.map(filterSql), sql` OR `)})`;
  }
}

/** A list's order: by creation time, or by one indexed field, then creation time and id. */
export interface Sort {
  field: "createdAt" | (string & {});
  descending: boolean;
}

export const BY_CREATION: Sort = { field: "createdAt", descending: false };

export function orderSql(sort: Sort): SQL[] {
  const dir = sql.raw(sort.descending ? "DESC" : "ASC");
  const tail = [sql`created_at ${dir}`, sql`id ${dir}`];
  return sort.field === "createdAt" ? tail : [sql`${expr(sort.field)} ${dir}`, ...tail];
}

/**
 * Rows strictly after `pos` in `sort` order (keyset pagination). SQLite puts nulls first when
 * ascending and last when descending; a row-value comparison with a null is null, so rows with
 * no value are handled on their own.
 */
export function afterSql(sort: Sort, pos: CursorPosition): SQL {
  const cmp = sql.raw(sort.descending ? "<" : ">");
  const tie = sql`(created_at, id) ${cmp} (${pos.createdAt}, ${pos.id})`;
  if (sort.field === "createdAt") return tie;
  const e = expr(sort.field);
  const key = pos.key ?? null;
  if (key === null)
    return sort.descending ? sql`(${e} IS NULL AND ${tie})` : sql`((${e} IS NULL AND ${tie}) OR ${e} IS NOT NULL)`;
  // Written as a plain range on the expression (which SQLite can seek in the field's index; it
  // does not for a row value whose first column is an expression), then the tie-break.
  const range = sql`(${e} ${sql.raw(sort.descending ? "<=" : ">=")} ${key} AND (${e} ${cmp} ${key} OR ${tie}))`;
  return sort.descending ? sql`(${range} OR ${e} IS NULL)` : range;
}
