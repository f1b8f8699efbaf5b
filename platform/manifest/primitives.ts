import type { z } from "zod";
import { type CollectionSpec, type ManifestShape, SERVER_MANAGED_FIELDS } from "./parts";

/**
 * What references, capacity, counts and transitions name, checked against the whole manifest: a
 * reference's collection, the referenced document's number field a capacity reads, the field a
 * count follows back to this collection, the options a transition moves between. Each issue's path
 * points at the JSON value, so `template check` prints template.json:line.
 */
export function checkPrimitives(m: ManifestShape, name: string, ctx: z.RefinementCtx<ManifestShape>): void {
  const c = m.collections[name] as CollectionSpec;
  const at = (...rest: (string | number)[]): (string | number)[] => ["collections", name, ...rest];
  const issue = (path: (string | number)[], message: string): void => ctx.addIssue({ code: "custom", path, message });

  for (const [field, spec] of Object.entries(c.fields)) {
    if (spec.type === "select" && spec.default !== undefined && !spec.options.includes(spec.default))
      issue(at("fields", field, "default"), `default "${spec.default}" is not an option of ${field}`);
    if (spec.type === "reference" && !Object.hasOwn(m.collections, spec.collection))
      issue(
        at("fields", field, "collection"),
        `reference "${field}" names collection "${spec.collection}", which is not a collection`,
      );
  }

  if (c.capacity) {
    const { field, maxFrom } = c.capacity;
    const spec = Object.hasOwn(c.fields, field) ? c.fields[field] : undefined;
    if (!spec) issue(at("capacity", "field"), `capacity field "${field}" is not a field of ${name}`);
    else if (spec.type === "file") issue(at("capacity", "field"), `capacity field "${field}" is a file`);
    if (maxFrom !== undefined) {
      if (spec?.type !== "reference")
        issue(at("capacity", "maxFrom"), `maxFrom reads the referenced document, so "${field}" must be a reference`);
      else {
        const target = m.collections[spec.collection];
        const from = target && Object.hasOwn(target.fields, maxFrom) ? target.fields[maxFrom] : undefined;
        if (target && from?.type !== "number")
          issue(at("capacity", "maxFrom"), `maxFrom "${maxFrom}" is not a number field of ${spec.collection}`);
      }
    }
  }

  for (const [count, spec] of Object.entries(c.counts ?? {})) {
    if (Object.hasOwn(c.fields, count) || (SERVER_MANAGED_FIELDS as readonly string[]).includes(count))
      issue(at("counts", count), `count "${count}" has the name of a field; a document cannot hold both`);
    const source = Object.hasOwn(m.collections, spec.collection) ? m.collections[spec.collection] : undefined;
    if (!source) {
      issue(
        at("counts", count, "collection"),
        `count "${count}" counts "${spec.collection}", which is not a collection`,
      );
      continue;
    }
    const by = Object.hasOwn(source.fields, spec.by) ? source.fields[spec.by] : undefined;
    if (by?.type !== "reference" || by.collection !== name)
      issue(at("counts", count, "by"), `"${spec.by}" must be a reference field of ${spec.collection} to ${name}`);
  }

  for (const [field, moves] of Object.entries(c.transitions ?? {})) {
    const spec = Object.hasOwn(c.fields, field) ? c.fields[field] : undefined;
    if (spec?.type !== "select") {
      issue(at("transitions", field), `transitions name "${field}", which is not a select field of ${name}`);
      continue;
    }
    const options = new Set(spec.options);
    for (const [from, to] of Object.entries(moves)) {
      if (!options.has(from)) issue(at("transitions", field, from), `"${from}" is not an option of ${field}`);
      to.forEach((option, i) => {
        if (!options.has(option)) issue(at("transitions", field, from, i), `"${option}" is not an option of ${field}`);
      });
    }
  }
}
