import { and, eq } from "drizzle-orm";
import { uniqueValues } from "../db/do-schema";
import { conflict } from "../errors";
import type { CollectionSpec } from "../manifest/schema";
import type { Db } from "./counters";

/**
 * `unique` entries: one field (a booking's slotId) or several together (`["ownerId", "answerId"]`).
 * Each entry's value is one row of `unique_values`, whose primary key (collection, field, value) is
 * the constraint: the insert itself refuses a second claim, inside the write's transaction, so two
 * parallel writes cannot both hold it. A compound entry is stored under its fields joined by `+`
 * with its values as a JSON array; an entry with any value missing claims nothing (like SQL NULL).
 */

const entryFields = (entry: string | readonly string[]): readonly string[] =>
  typeof entry === "string" ? [entry] : entry;

/**
 * Claims each unique entry's value for this document; a taken value is a 409 and rolls back. The
 * answer names only the fields: never the other document, its owner or any of its values (T56).
 * `changed` are the fields the write sets (`"all"` for a create).
 */
export function claimUnique(
  db: Db,
  name: string,
  spec: CollectionSpec,
  doc: { id: string; ownerId: string | null },
  data: Record<string, unknown>,
  changed: readonly string[] | "all",
): void {
  for (const entry of spec.unique ?? []) {
    const fields = entryFields(entry);
    if (changed !== "all" && !fields.some((f) => changed.includes(f))) continue;
    const key = fields.join("+");
    db.delete(uniqueValues)
      .where(and(eq(uniqueValues.collection, name), eq(uniqueValues.field, key), eq(uniqueValues.documentId, doc.id)))
      .run();
    const values = fields.map((f) => (f === "ownerId" ? doc.ownerId : data[f]));
    if (values.some((v) => v === undefined || v === null)) continue;
    const value = JSON.stringify(values.length === 1 ? values[0] : values);
    const claimed = db
      .insert(uniqueValues)
      .values({ collection: name, field: key, value, documentId: doc.id })
      .onConflictDoNothing()
      .returning({ documentId: uniqueValues.documentId })
      .all();
    if (claimed.length === 0) {
      const what = fields.length === 1 ? `this ${key}` : `the same ${fields.join(" and ")}`;
      throw conflict(`Another document in ${name} already has ${what}.`, "unique_violation");
    }
  }
}
