import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Client, json } from "../helpers/client";
import { schemaProblems } from "../helpers/json-schema";
import {
  answerProblems,
  type Body,
  bodyArb,
  type Doc,
  type Operation,
  operationsOf,
  paramArb,
  queryArb,
  randomClientIp,
  requestInit,
  type Target,
} from "../helpers/openapi-fuzz";
import { makeApp, signUpVerified, type TestApp } from "./helpers/app";

/**
 * T03, T17, T18: the app's own OpenAPI document drives the shared fuzzer (test/helpers/openapi-fuzz.ts)
 * over every operation it lists, signed in and out. Whatever is sent: never a 5xx, every error is
 * `{"error":{"code","message"}}`, every status is one the document lists, and every success body
 * matches the document's schema for it. The studio's document gets the same: studio-openapi-fuzz.test.ts.
 */

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
    const operations = operationsOf(world.doc);
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
  }, 300_000);
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

/** Stray query parameters an app must refuse or ignore: a hidden field, a sort on it, a prototype key. */
const STRAY: Array<[string, string]> = [
  ["where[secret]", "x"],
  ["sort", "secret"],
  ["where[__proto__]", "1"],
];

function attemptArb(op: Operation, world: World, options: { actors: Attempt["actor"][] }): fc.Arbitrary<Attempt> {
  return fc.record({
    actor: fc.constantFrom(...options.actors),
    id: paramArb(Object.values(world.ids), op, "id"),
    query: queryArb(op, STRAY),
    body: bodyArb(op, world.doc),
  });
}

async function send(world: World, target: Target, attempt: Attempt): Promise<string[]> {
  const client = attempt.actor === "user" ? world.user : world.app.client();
  const search = new URLSearchParams(attempt.query).toString();
  const url = target.path.replace("{id}", attempt.id) + (search ? `?${search}` : "");
  const headers = new Headers({ "cf-connecting-ip": randomClientIp() });
  const res = await client.fetch(url, requestInit(target.method, attempt.body, headers));
  const key = `${target.method} ${target.path} ${res.status}`;
  world.tally.set(key, (world.tally.get(key) ?? 0) + 1);
  return answerProblems(res, target, world.doc);
}
