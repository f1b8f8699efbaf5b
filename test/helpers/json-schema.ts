/**
 * A checker for the subset of JSON Schema 2020-12 that our OpenAPI documents use (zod's
 * `toJSONSchema` output: type, properties, required, additionalProperties, items, enum, const,
 * anyOf/oneOf, string and number bounds, local `$ref`). It answers the problems it found, so a
 * test can print them; a keyword it does not know is a problem too, so the checker never passes
 * a body by ignoring part of its schema.
 */
export type Schema = Record<string, unknown>;

const KNOWN = new Set([
  "$ref",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "anyOf",
  "oneOf",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "format",
  "pattern",
  "description",
  "title",
  "default",
  "examples",
  "contentMediaType",
  "propertyNames",
]);

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(want: string, got: string): boolean {
  return want === got || (want === "number" && got === "integer");
}

export function schemaProblems(
  value: unknown,
  schema: Schema,
  options: { components: Record<string, Schema>; at?: string },
): string[] {
  const at = options.at ?? "$";
  const problems: string[] = [];
  const unknown = Object.keys(schema).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) return [`${at}: the checker does not know ${unknown.join(", ")}`];
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = options.components[name];
    if (!target) return [`${at}: unresolved ${schema.$ref}`];
    return schemaProblems(value, target, { ...options, at });
  }
  const sub = (v: unknown, s: Schema, path: string): string[] => schemaProblems(v, s, { ...options, at: path });
  for (const key of ["anyOf", "oneOf"] as const) {
    const options_ = schema[key] as Schema[] | undefined;
    if (options_) {
      const passing = options_.filter((s) => sub(value, s, at).length === 0).length;
      if (key === "anyOf" ? passing === 0 : passing !== 1) problems.push(`${at}: ${passing} of ${key} match`);
    }
  }
  const got = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeMatches(t, got))) return [...problems, `${at}: ${got}, expected ${types.join("|")}`];
  }
  if (schema.enum && !(schema.enum as unknown[]).some((e) => e === value)) problems.push(`${at}: not in enum`);
  if ("const" in schema && schema.const !== value) problems.push(`${at}: not the const`);
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength) problems.push(`${at}: too short`);
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) problems.push(`${at}: too long`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
      problems.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) problems.push(`${at}: below minimum`);
    if (typeof schema.maximum === "number" && value > schema.maximum) problems.push(`${at}: above maximum`);
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) problems.push(`${at}: ≤ min`);
    if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) problems.push(`${at}: ≥ max`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) problems.push(`${at}: too few items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) problems.push(`${at}: too many items`);
    if (schema.items && typeof schema.items === "object")
      for (const [i, v] of value.entries()) problems.push(...sub(v, schema.items as Schema, `${at}[${i}]`));
  }
  if (got === "object") {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[])
      if (!(key in record)) problems.push(`${at}.${key}: required, missing`);
    for (const [key, v] of Object.entries(record)) {
      const s = properties[key];
      if (s) problems.push(...sub(v, s, `${at}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${at}.${key}: not in the schema`);
      else if (typeof schema.additionalProperties === "object")
        problems.push(...sub(v, schema.additionalProperties as Schema, `${at}.${key}`));
    }
  }
  return problems;
}
