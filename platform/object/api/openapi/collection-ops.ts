import { type CollectionSpec, type FieldSpec, type Manifest, MAX_INDEXED_TEXT } from "../../../manifest/schema";
import { MAX_CURSOR_CHARS } from "../../cursor";
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from "../../search-index";
import type { JsonSchema, Op } from "./operation";

/** The operations of one collection, with the filters and sort orders its manifest declares. */

/** The list's query parameters: paging, and the filters and sort orders this collection declares. */
function listQuery(spec: CollectionSpec): NonNullable<Op["query"]> {
  const indexed = spec.indexed ?? [];
  const sorts = ["createdAt", ...indexed].flatMap((f) => [f, `-${f}`]);
  const where = indexed.map((field) => ({
    name: `where[${field}]`,
    description: `Only items whose ${field} equals this value (narrows what the rules allow)`,
    schema: filterSchema(spec.fields[field] as FieldSpec),
  }));
  return [
    {
      name: "limit",
      description: "Items per page, 1–100 (default 20; larger values are clamped)",
      schema: { type: "string", pattern: "^[0-9]{1,12}$" },
    },
    {
      name: "cursor",
      description: "nextCursor from the previous page of the same query (bound to its filters and sort)",
      schema: { type: "string", maxLength: MAX_CURSOR_CHARS },
    },
    {
      name: "sort",
      description: "Order: a field, ascending, or -field, descending (default createdAt)",
      schema: { type: "string", enum: sorts },
    },
    { name: "where[ownerId]", description: "@me: only your own items", schema: { type: "string", enum: ["@me"] } },
    ...where,
    ...searchQuery(spec),
  ];
}

/** Who may download each file field: the read rule and the collection's `downloads` rule, or nobody. */
function downloadRules(spec: CollectionSpec): string {
  const entries = Object.entries(spec.downloads ?? {});
  if (entries.length === 0) return " (this collection declares no downloads: always 404)";
  return ` (read rule, and: ${entries.map(([f, r]) => `${f}: ${r}`).join("; ")})`;
}

/** `q` (or `search`) where the collection declares searchable fields. */
function searchQuery(spec: CollectionSpec): NonNullable<Op["query"]> {
  const fields = spec.searchable ?? [];
  if (fields.length === 0) return [];
  const description =
    `Words to find in ${fields.join(", ")}: each must start a word of the item (case and accents ignored; ` +
    `at most ${MAX_QUERY_WORDS} words; narrows what the rules allow)`;
  const schema: JsonSchema = { type: "string", maxLength: MAX_QUERY_LENGTH };
  return [
    { name: "q", description, schema },
    { name: "search", description: "The same as q", schema },
  ];
}

function filterSchema(field: FieldSpec): JsonSchema {
  switch (field.type) {
    case "boolean":
      return { type: "string", enum: ["true", "false"] };
    case "number":
      return { type: "string", pattern: "^-?[0-9]" };
    case "select":
      return { type: "string", enum: field.options };
    default:
      return { type: "string", maxLength: MAX_INDEXED_TEXT };
  }
}

/** The checks a write of this collection meets beyond its schema, in words (empty when none). */
function writeChecks(spec: CollectionSpec, action: "create" | "update"): string {
  const out: string[] = [];
  for (const entry of spec.unique ?? [])
    out.push(`unique: ${typeof entry === "string" ? entry : entry.join(" + ")} (409 unique_violation)`);
  if (spec.capacity)
    out.push(
      `capacity: at most ${spec.capacity.max ?? `the referenced document's ${spec.capacity.maxFrom}`} per ` +
        `${spec.capacity.field} (409 capacity_reached)`,
    );
  for (const [field, f] of Object.entries(spec.fields)) {
    if (f.type === "reference")
      out.push(`${field}: a document of ${f.collection} you may read (400 unknown_reference)`);
    if (action === "create" && f.type === "select" && f.default !== undefined)
      out.push(`${field}: "${f.default}" when left out`);
  }
  if (action === "update")
    for (const [field, moves] of Object.entries(spec.transitions ?? {}))
      out.push(
        `${field} moves only ${Object.entries(moves)
          .map(([from, to]) => `${from} → ${to.join("|") || "nothing"}`)
          .join(", ")} (400 transition_not_allowed)`,
      );
  for (const [count, c] of Object.entries(spec.counts ?? {}))
    if (action === "create") out.push(`${count}: read-only, the number of ${c.collection} whose ${c.by} is this item`);
  return out.join("; ");
}

export function collectionOps(name: string, manifest: Manifest): Op[] {
  const spec = manifest.collections[name] as CollectionSpec;
  const rules = spec.rules;
  const base = `/_api/collections/${name}`;
  const C = name.charAt(0).toUpperCase() + name.slice(1);
  const rule = (action: keyof typeof rules): string => ` (rule: ${rules[action] ?? "nobody"})`;
  const hiddenAnswer = "No body: the read rule does not let you read the document you wrote";
  return [
    {
      method: "get",
      path: base,
      summary: `List ${name}${rule("list")}`,
      tag: name,
      ok: {
        status: 200,
        description: "A page of the items the rules let you see, in the order asked for",
        ref: `${C}List`,
      },
      query: listQuery(spec),
    },
    {
      method: "post",
      path: base,
      summary: `Create one of ${name}${rule("create")}`,
      tag: name,
      body: { ref: `${C}Create` },
      ...(writeChecks(spec, "create") ? { description: writeChecks(spec, "create") } : {}),
      ok: { status: 201, description: "Created", ref: `${C}ItemResponse` },
      alsoOk: { status: 204, description: `Created. ${hiddenAnswer}` },
    },
    {
      method: "get",
      path: `${base}/{id}`,
      summary: `Read one of ${name}${rule("read")}`,
      tag: name,
      ok: { status: 200, description: "The item", ref: `${C}ItemResponse` },
    },
    {
      method: "patch",
      path: `${base}/{id}`,
      summary: `Change fields of one of ${name}${rule("update")}`,
      tag: name,
      body: { ref: `${C}Update` },
      ...(writeChecks(spec, "update") ? { description: writeChecks(spec, "update") } : {}),
      ok: { status: 200, description: "The changed item", ref: `${C}ItemResponse` },
      alsoOk: { status: 204, description: `Changed. ${hiddenAnswer}` },
    },
    {
      method: "delete",
      path: `${base}/{id}`,
      summary: `Delete one of ${name}${rule("delete")}`,
      tag: name,
      ok: { status: 204, description: "Deleted" },
    },
    {
      method: "get",
      path: `${base}/{id}/files/{field}`,
      summary: `Download the file a file field of one of ${name} names${downloadRules(spec)}`,
      tag: name,
      ...(Object.keys(spec.downloads ?? {}).length > 0
        ? { pathSchemas: { field: { type: "string", enum: Object.keys(spec.downloads ?? {}) } } }
        : {}),
      ok: { status: 200, description: "The file's bytes" },
    },
  ];
}
