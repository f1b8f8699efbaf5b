import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Client, json } from "../helpers/client";
import { schemaProblems, type Schema } from "../helpers/json-schema";
import { makeApp, signUpVerified, type TestApp } from "./helpers/app";

/**
 * T03, T17, T18: the app's own OpenAPI document drives a fuzzer over every operation it lists —
 * bodies built from each operation's request schema, then broken (wrong types, missing and extra
 * fields, `__proto__`, oversized strings, deep nesting, not JSON at all, the wrong content type),
 * odd path ids and query values, signed in and out. Whatever is sent: never a 5xx, every error is
 * `{"error":{"code","message"}}`, every status is one the document lists, and every success body
 * matches the document's schema for it.
 */

interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Operation {
  parameters?: Array<{ name: string; in: "path" | "query"; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown }
  | { kind: "raw"; text: string; contentType: string }
  | { kind: "multipart"; bytes: number; type: string };
interface Attempt {
  actor: "anonymous" | "user";
  id: string;
  query: Array<[string, string]>;
  body: Body;
}

const RUNS_PER_OPERATION = 30;

describe("T03, T17, T18 the OpenAPI document, fuzzed against the running app", () => {
  it("the checker finds a body that breaks its schema (so the fuzz below can fail)", () => {
    const components = { Item: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } };
    expect(schemaProblems({ n: 1 }, { $ref: "#/components/schemas/Item" }, { components })).toEqual([]);
    expect(schemaProblems({ n: "1" }, { $ref: "#/components/schemas/Item" }, { components })).not.toEqual([]);
    expect(schemaProblems({}, { $ref: "#/components/schemas/Item" }, { components })).not.toEqual([]);
    expect(schemaProblems(1, { type: "string", unknownKeyword: true }, { components })).not.toEqual([]);
  });

  it("every operation: no 5xx, errors in one shape, statuses and success bodies as documented", async () => {
    const world = await setUp();
    const operations = Object.entries(world.doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    expect(operations.length).toBeGreaterThan(20);
    let sent = 0;
    for (const { path, method, op } of operations) {
      // Signing out or changing the password would end the signed-in actor's session for the rest.
      const actors: Attempt["actor"][] = path.startsWith("/_api/auth/") ? ["anonymous"] : ["anonymous", "user"];
      await fc.assert(
        fc.asyncProperty(attemptArb(op, world, { actors }), async (attempt) => {
          sent += 1;
          const problems = await send(world, { path, method, op }, attempt);
          if (problems.length > 0) throw new Error(`${method} ${path}: ${problems.join("; ")}`);
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(operations.length * RUNS_PER_OPERATION);
    // A fuzzer whose every request bounced off validation would prove little about the handlers.
    const succeeded = new Set(
      [...world.tally.keys()].filter((k) => / 2\d\d$/.test(k)).map((k) => k.replace(/ \d+$/, "")),
    );
    expect(succeeded.size, [...succeeded].join(", ")).toBeGreaterThanOrEqual(15);
    console.log(
      `[openapi fuzz] ${sent} requests over ${operations.length} operations; ${succeeded.size} answered 2xx at least once`,
    );
  });
});

interface World {
  app: TestApp;
  doc: Doc;
  user: Client;
  /** One document id per collection, created by the signed-in user. */
  ids: Record<string, string>;
  /** How often each operation answered each status: printed, so a run shows what it reached. */
  tally: Map<string, number>;
}

async function setUp(): Promise<World> {
  const app = await makeApp(`fuzz-${crypto.randomUUID().slice(0, 8)}`, "sandlot-rules");
  const doc = await json<Doc>(await app.client().get("/_api/openapi.json"));
  const { client: user } = await signUpVerified(app, `fuzz-${crypto.randomUUID().slice(0, 8)}@example.com`);
  const ids: Record<string, string> = {};
  for (const [name, body] of Object.entries({
    posts: { title: "a post", status: "draft" },
    notes: { title: "a note" },
    tickets: { subject: "a ticket", status: "open" },
  })) {
    const res = await user.post(`/_api/collections/${name}`, body);
    expect(res.status, name).toBe(201);
    ids[name] = (await json<{ item: { id: string } }>(res)).item.id;
  }
  return { app, doc, user, ids, tally: new Map() };
}

function resolve(schema: Schema, doc: Doc): Schema {
  const ref = schema.$ref;
  return typeof ref === "string"
    ? resolve(doc.components.schemas[ref.replace("#/components/schemas/", "")]!, doc)
    : schema;
}

/** Values a client following the schema could send, at and around its bounds. */
function validArb(schema: Schema, doc: Doc, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if ("const" in s) return fc.constant(s.const);
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validArb(a, doc, depth + 1)));
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : (s.type as string | undefined);
  switch (type) {
    case "string": {
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
    case "object": {
      if (depth > 3) return fc.constant({});
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      const required = new Set((s.required ?? []) as string[]);
      const entries = Object.keys(properties).map((key) => {
        // zod's email check sits behind a transform, so the input schema does not say "email".
        const value =
          key === "email"
            ? validArb({ type: "string", format: "email" }, doc)
            : validArb(properties[key]!, doc, depth + 1);
        const maybe = required.has(key) ? value : fc.option(value, { nil: undefined, freq: 2 });
        return maybe.map((v) => [key, v] as const);
      });
      return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs.filter(([, v]) => v !== undefined)));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const deep = (n: number): unknown => (n === 0 ? "bottom" : { a: deep(n - 1) });

/** The same values, broken the ways T17 and T18 name. */
function brokenArb(schema: Schema, doc: Doc): fc.Arbitrary<Body> {
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

function queryArb(op: Operation): fc.Arbitrary<Array<[string, string]>> {
  const documented = (op.parameters ?? []).filter((p) => p.in === "query");
  // Mostly absent or well-formed, so requests get past validation; sometimes garbage, which must not.
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
  const stray = fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    {
      arbitrary: fc.constantFrom<[string, string]>(
        ["where[secret]", "x"],
        ["sort", "secret"],
        ["where[__proto__]", "1"],
        ["limit", "100000"],
      ),
      weight: 1,
    },
  );
  return fc.tuple(fc.tuple(...one), stray).map(([lists, extra]) => [...lists.flat(), ...(extra ? [extra] : [])]);
}

function attemptArb(op: Operation, world: World, options: { actors: Attempt["actor"][] }): fc.Arbitrary<Attempt> {
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content["application/json"]?.schema;
  const body: fc.Arbitrary<Body> = content["multipart/form-data"]
    ? fc.oneof(
        fc.record({
          kind: fc.constant("multipart" as const),
          bytes: fc.constantFrom(0, 1, 2048),
          type: fc.constantFrom("text/plain", "image/png", "text/html", "application/x-msdownload"),
        }),
        fc.constant<Body>({ kind: "json", value: { file: "not a file" } }),
      )
    : jsonSchema
      ? brokenArb(jsonSchema, world.doc)
      : fc.constantFrom<Body>({ kind: "none" }, { kind: "json", value: { extra: true } });
  const id = fc.oneof(
    { arbitrary: fc.constantFrom(...Object.values(world.ids), crypto.randomUUID()), weight: 4 },
    fc.constantFrom("..", "%2e%2e%2f", "__proto__", "constructor", "a".repeat(300), "null", "%00", "🙂"),
    fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  );
  return fc.record({ actor: fc.constantFrom(...options.actors), id, query: queryArb(op), body });
}

async function send(
  world: World,
  target: { path: string; method: string; op: Operation },
  attempt: Attempt,
): Promise<string[]> {
  const client = attempt.actor === "user" ? world.user : world.app.client();
  const search = new URLSearchParams(attempt.query).toString();
  const url = target.path.replace("{id}", attempt.id) + (search ? `?${search}` : "");
  const headers = new Headers({
    "cf-connecting-ip": `198.18.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 250)}`,
  });
  let body: BodyInit | undefined;
  const b = attempt.body;
  if (b.kind === "json") {
    headers.set("content-type", "application/json");
    body = JSON.stringify(b.value);
  } else if (b.kind === "raw") {
    headers.set("content-type", b.contentType);
    body = b.text;
  } else if (b.kind === "multipart") {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(b.bytes)], "f.bin", { type: b.type }));
    body = form;
  }
  const res = await client.fetch(url, {
    method: target.method,
    headers,
    ...(body === undefined || target.method === "GET" ? {} : { body }),
  });
  const problems: string[] = [];
  const status = String(res.status);
  world.tally.set(
    `${target.method} ${target.path} ${status}`,
    (world.tally.get(`${target.method} ${target.path} ${status}`) ?? 0) + 1,
  );
  const text = await res.text();
  if (res.status >= 500) return [`${status}: ${text.slice(0, 200)}`];
  const documented = target.op.responses[status];
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
      const found = schemaProblems(JSON.parse(text), schema, { components: world.doc.components.schemas });
      if (found.length > 0) problems.push(`${status} body breaks its schema: ${found.slice(0, 3).join(", ")}`);
    }
  }
  return problems;
}
