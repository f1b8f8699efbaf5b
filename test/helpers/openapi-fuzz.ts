import fc from "fast-check";
import { schemaProblems, type Schema } from "./json-schema";

/**
 * The fuzzer both OpenAPI documents share (the app's /_api and the studio's /api; T03, T17, T18):
 * request bodies built from each operation's schema, then broken (wrong types, missing and extra
 * fields, `__proto__`, oversized strings, deep nesting, not JSON at all, the wrong content type),
 * odd path parameters and query values; and the check every answer must pass: never a 5xx the
 * operation does not document, every error `{"error":{"code","message"}}`, every status one the
 * document lists, every success body matching the document's schema for it.
 */

export interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
export interface Operation {
  parameters?: Array<{ name: string; in: "path" | "query"; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
export type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; text: string; contentType: string }
  | { kind: "multipart"; bytes: number; type: string };
export interface Target {
  path: string;
  method: string;
  op: Operation;
}

export function operationsOf(doc: Doc): Target[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
}

function resolve(schema: Schema, doc: Doc): Schema {
  const ref = schema.$ref;
  return typeof ref === "string"
    ? resolve(doc.components.schemas[ref.replace("#/components/schemas/", "")]!, doc)
    : schema;
}

function stringArb(s: Schema): fc.Arbitrary<unknown> {
  // Addresses people have (zod accepts a practical subset of RFC 5322, as sign-up forms do).
  if (s.format === "email") {
    const word = fc.stringMatching(/^[a-z0-9]{1,12}$/);
    return fc.tuple(word, word).map(([local, domain]) => `${local}@${domain}.example`);
  }
  const max = typeof s.maxLength === "number" ? s.maxLength : 64;
  const min = typeof s.minLength === "number" ? s.minLength : 0;
  return fc.oneof(
    fc.string({ minLength: min, maxLength: Math.min(max, 64) }),
    fc.constant("x".repeat(max)),
    fc.constant(`${"é".repeat(Math.max(min, 1))}`),
  );
}

function objectArb(s: Schema, doc: Doc, depth: number): fc.Arbitrary<unknown> {
  if (depth > 3) return fc.constant({});
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  const entries = Object.keys(properties).map((key) => {
    // zod's email check sits behind a transform, so the input schema does not say "email".
    const value =
      key === "email" ? stringArb({ type: "string", format: "email" }) : validArb(properties[key]!, doc, depth + 1);
    const maybe = required.has(key) ? value : fc.option(value, { nil: undefined, freq: 2 });
    return maybe.map((v) => [key, v] as const);
  });
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)));
}

/** Values a client following the schema could send, at and around its bounds. */
export function validArb(schema: Schema, doc: Doc, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if ("const" in s) return fc.constant(s.const);
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validArb(a, doc, depth + 1)));
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : (s.type as string | undefined);
  switch (type) {
    case "string":
      return stringArb(s);
    case "integer":
      return fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER));
    case "number":
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return depth > 3
        ? fc.constant([])
        : fc.array(validArb((s.items ?? {}) as Schema, doc, depth + 1), { maxLength: 3 });
    case "object":
      return objectArb(s, doc, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const deep = (n: number): unknown => (n === 0 ? "bottom" : { a: deep(n - 1) });

/** Valid values, mostly, and the same values broken the ways T17 and T18 name. */
export function brokenArb(schema: Schema, doc: Doc): fc.Arbitrary<Body> {
  const valid = validArb(schema, doc);
  const asObject = (v: unknown): Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  return fc.oneof(
    { arbitrary: valid.map((value): Body => ({ kind: "json", value })), weight: 6 },
    valid.map((value): Body => ({ kind: "json", value: { ...asObject(value), unexpected: 1 } })),
    valid.map(
      (value): Body => ({
        kind: "raw",
        text: `{"__proto__":{"isCreator":true},${JSON.stringify(asObject(value)).slice(1)}`,
        contentType: "application/json",
      }),
    ),
    valid.map(
      (value): Body => ({ kind: "json", value: Object.fromEntries(Object.keys(asObject(value)).map((k) => [k, [k]])) }),
    ),
    fc.constantFrom<Body>(
      { kind: "json", value: null },
      { kind: "json", value: [] },
      { kind: "json", value: "a string" },
      { kind: "json", value: deep(200) },
      { kind: "json", value: { title: "x".repeat(70_000) } },
      { kind: "json", value: Array.from({ length: 5000 }, (_, i) => i) },
      { kind: "raw", text: "{not json", contentType: "application/json" },
      { kind: "raw", text: '{"title":"\\ud800"}', contentType: "application/json" },
      { kind: "raw", text: "title=x", contentType: "application/x-www-form-urlencoded" },
      { kind: "raw", text: "", contentType: "application/json" },
      { kind: "raw", text: '{"a":1}', contentType: "text/plain" },
    ),
  );
}

/** The body for an operation: from its JSON schema, a multipart upload, raw bytes of its media type, or none. */
export function bodyArb(op: Operation, doc: Doc): fc.Arbitrary<Body> {
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content["application/json"]?.schema;
  if (content["multipart/form-data"])
    return fc.oneof(
      fc.record({
        kind: fc.constant("multipart" as const),
        bytes: fc.constantFrom(0, 1, 2048),
        type: fc.constantFrom("text/plain", "image/png", "text/html", "application/x-msdownload"),
      }),
      fc.constant<Body>({ kind: "json", value: { file: "not a file" } }),
    );
  if (jsonSchema && jsonSchema.type !== "string") return brokenArb(jsonSchema, doc);
  const raw = Object.keys(content)[0];
  if (raw)
    return fc.oneof(
      fc.record({
        kind: fc.constant("raw" as const),
        text: fc.string({ maxLength: 200 }),
        contentType: fc.constant(raw),
      }),
      fc.constantFrom<Body>(
        { kind: "raw", text: "PK\u0003\u0004not really a zip", contentType: raw },
        { kind: "raw", text: "", contentType: raw },
        { kind: "json", value: { not: "bytes" } },
      ),
    );
  return fc.constantFrom<Body>({ kind: "none" }, { kind: "json", value: { extra: true } });
}

/** Query strings: mostly absent or well-formed, so requests get past validation; sometimes garbage. */
export function queryArb(op: Operation, stray: Array<[string, string]> = []): fc.Arbitrary<Array<[string, string]>> {
  const documented = (op.parameters ?? []).filter((p) => p.in === "query");
  const one = documented.map((p) =>
    fc
      .oneof(
        { arbitrary: fc.constant(undefined), weight: 4 },
        ...(Array.isArray(p.schema.enum)
          ? [{ arbitrary: fc.constantFrom(...(p.schema.enum as unknown[]).map(String)), weight: 3 }]
          : []),
        {
          arbitrary: fc.constantFrom("0", "-1", "1", "100", "101", "1e3", "true", "null", "", "%00", "a".repeat(600)),
          weight: 1,
        },
        { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
      )
      .map((v) => (v === undefined ? [] : [[p.name, v] as [string, string]])),
  );
  const extra = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: fc.constantFrom<[string, string]>(["limit", "100000"], ["__proto__", "1"], ...stray), weight: 1 },
  );
  return fc.tuple(fc.tuple(...one), extra).map(([lists, x]) => [...lists.flat(), ...(x ? [x] : [])]);
}

/** Odd values for a path parameter, besides the real ones a test passes in. */
export function paramArb(real: string[], op: Operation, name: string): fc.Arbitrary<string> {
  const declared = op.parameters?.find((p) => p.in === "path" && p.name === name)?.schema.enum as string[] | undefined;
  const known = [...real, ...(declared ?? [])];
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known, crypto.randomUUID()), weight: 4 },
    fc.constantFrom("..", "%2e%2e%2f", "__proto__", "constructor", "a".repeat(300), "null", "%00", "🙂"),
    fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  );
}

/** The fetch init for a body (GET sends none). */
export function requestInit(method: string, body: Body, headers: Headers): RequestInit {
  let payload: BodyInit | undefined;
  if (body.kind === "json") {
    headers.set("content-type", "application/json");
    payload = JSON.stringify(body.value);
  } else if (body.kind === "raw") {
    headers.set("content-type", body.contentType);
    payload = body.text;
  } else if (body.kind === "multipart") {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(body.bytes)], "f.bin", { type: body.type }));
    payload = form;
  }
  return { method, headers, ...(payload === undefined || method === "GET" ? {} : { body: payload }) };
}

/**
 * What is wrong with an answer: a 5xx the operation does not document (or any 500), a status it
 * does not list, an error not in the one shape or carrying a stack, a success body off its schema.
 */
export async function answerProblems(res: Response, target: Target, doc: Doc): Promise<string[]> {
  const status = String(res.status);
  const text = await res.text();
  const documented = target.op.responses[status];
  if (res.status >= 500 && (!documented || res.status === 500)) return [`${status}: ${text.slice(0, 200)}`];
  const problems: string[] = [];
  if (!documented) problems.push(`status ${status} is not in the document`);
  const type = res.headers.get("content-type") ?? "";
  if (res.status >= 400) {
    const parsed = type.includes("application/json")
      ? (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } })
      : null;
    if (typeof parsed?.error?.code !== "string" || typeof parsed.error.message !== "string")
      problems.push(`${status} is not {"error":{"code","message"}}: ${text.slice(0, 120)}`);
    if (/\bat [\w$.]+ \(|\.ts:\d+/.test(text)) problems.push(`${status} carries a stack trace`);
  } else {
    const schema = documented?.content?.["application/json"]?.schema;
    if (schema && type.includes("application/json")) {
      const found = schemaProblems(JSON.parse(text), schema, { components: doc.components.schemas });
      if (found.length > 0) problems.push(`${status} body breaks its schema: ${found.slice(0, 3).join(", ")}`);
    }
  }
  return problems;
}

/** A fresh reserved-range address per request, so per-IP budgets do not turn the fuzz into 429s. */
export const randomClientIp = (): string =>
  `198.18.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 250)}`;
