import type { Manifest } from "../manifest/schema";
import { parseRule } from "../policy/rules";
import { fieldExpression } from "./query";
import type { AppStore } from "./store";

/**
 * Expression indexes over the JSON `data` column for the fields lists filter and sort by: every
 * `indexed` field, every capacity field, and every field a `list` or `read` rule's conditions test. One index per field
 * name serves every collection that has the field: `(collection, json_extract(data,'$.f'),
 * created_at, id)` answers "this collection, this value, newest first" without a scan and keeps
 * keyset pages in index order. Indexes depend on the manifest, so they are created on first use
 * (`CREATE INDEX IF NOT EXISTS`), not by a migration; SQLite keeps them current on every write,
 * in the same transaction. An index no manifest needs any more is left in place.
 */

const done = new WeakMap<AppStore, WeakSet<Manifest>>();

/** Field names that need an index, over every collection of the manifest. */
export function indexedFields(manifest: Manifest): string[] {
  const out = new Set<string>();
  for (const spec of Object.values(manifest.collections)) {
    for (const f of spec.indexed ?? []) out.add(f);
    // A capacity is counted per value on every create (relations.ts).
    if (spec.capacity) out.add(spec.capacity.field);
    for (const rule of [spec.rules.list, spec.rules.read]) {
      const parsed = rule === undefined ? null : parseRule(rule);
      if (!parsed?.ok) continue;
      for (const atom of parsed.rule) for (const c of atom.where) if (c.field !== "ownerId") out.add(c.field);
    }
  }
  return [...out].sort();
}

export const indexName = (field: string): string => `documents_by_${field}`;

/** Creates the manifest's indexes in this object's database, once per object and manifest. */
export function ensureIndexes(store: AppStore, manifest: Manifest): void {
  let seen = done.get(store);
  if (seen?.has(manifest)) return;
  for (const field of indexedFields(manifest)) {
    store.sql.exec(
      `CREATE INDEX IF NOT EXISTS "${indexName(field)}" ON documents (collection, ${fieldExpression(field)}, ` +
        `created_at, id)`,
    );
  }
  if (!seen) {
    seen = new WeakSet();
    done.set(store, seen);
  }
  seen.add(manifest);
}
