import { badRequest } from "../errors";
import type { CollectionSpec } from "../manifest/schema";
import { evaluate, type Subject } from "../policy/evaluate";
import type { RuleDocument } from "../policy/filter";
import { type Item, type StoredDocument, storedData, toItem } from "./documents";

/**
 * Per-field rules of a collection: `visibility` (who receives a field) and `writable` (who may
 * set or change it). Both are rules in the one grammar, decided by the one evaluator on the
 * document they concern.
 */

/**
 * The item as this reader may see it: every field whose visibility rule does not allow them is
 * left out. Every answer that carries a document goes through here: lists, reads, and the
 * answers to creates and updates (T56).
 */
export function visibleItem(spec: CollectionSpec, subject: Subject, row: StoredDocument): Item {
  const data = storedData(row);
  const item = toItem(spec, row, data);
  const doc: RuleDocument = { ownerId: row.ownerId, data };
  for (const [field, rule] of Object.entries(spec.visibility ?? {})) {
    if (!evaluate(rule, subject, doc).allow) delete item[field];
  }
  return item;
}

/**
 * Refuses, with 400 `field_not_writable`, a write that names a field this subject may not set.
 * `sent` are the fields the body names (a null that clears one counts); `doc` is the document the
 * rule is asked about: for a create the document as it will be stored, for an update the stored
 * one (whose owner decides `owner`). Naming the field is refused even when the value would not
 * change, so the answer never tells whether a guess matched a value the caller cannot read.
 */
export function assertWritable(
  spec: CollectionSpec,
  subject: Subject,
  sent: readonly string[],
  doc: RuleDocument,
): void {
  const writable = spec.writable ?? {};
  const refused = sent.filter((f) => Object.hasOwn(writable, f) && !evaluate(writable[f], subject, doc).allow);
  if (refused.length === 0) return;
  const who = refused.map((f) => `${f} (${writable[f]})`).join(", ");
  throw badRequest(`You cannot set ${who} on this document.`, "field_not_writable");
}
