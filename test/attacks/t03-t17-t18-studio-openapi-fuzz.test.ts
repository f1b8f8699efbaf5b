import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";
import {
  answerProblems,
  type Body,
  bodyArb,
  type Doc,
  operationsOf,
  paramArb,
  queryArb,
  randomClientIp,
  requestInit,
  type Target,
} from "../helpers/openapi-fuzz";
import { createApp, signedInCreator } from "../integration/apps-helpers";

/**
 * T03, T17, T18: the studio's OpenAPI document (GET /api/openapi.json) drives the fuzzer the app's
 * document uses (test/helpers/openapi-fuzz.ts) over every operation it lists, as a signed-in creator
 * and signed out, with same-origin requests as the studio sends them (the cross-site rule is its own
 * property below). Never a 5xx the operation does not document, one error shape, only documented
 * statuses, success bodies as documented.
 */

type Actor = "anonymous" | "creator";
interface Attempt {
  actor: Actor;
  params: Record<string, string>;
  query: Array<[string, string]>;
  body: Body;
}
interface World {
  doc: Doc;
  creator: Client;
  /** Real values for path parameters: the creator's app, token, a collection, a version. */
  real: Record<string, string[]>;
  tally: Map<string, number>;
}

const RUNS_PER_OPERATION = 12;

/**
 * Operations the fuzzer drives only in part, each with why. Everything else is driven in full.
 * An entry for an operation the document does not have fails the test, so the list stays true.
 */
const PARTLY_DRIVEN: Record<string, string> = {
  "POST /api/auth/signup": "signed out only: a success would sign the creator's browser in as the new account",
  "POST /api/auth/login": "signed out only: a success would replace the creator's session",
  "POST /api/auth/logout": "signed out only: signing the creator out would end the session the other operations use",
  "DELETE /api/auth/sessions": "signed out only: it ends every session of the creator",
  "POST /api/auth/password": "signed out only: a right current password would end every other session and token",
  "POST /api/auth/reset": "random tokens only: a valid one is the link in a reset mail",
  "GET /api/apps/{slug}/exports/{token}": "random tokens only: a valid one is single-use (export-import tests)",
  "POST /api/apps/{slug}/ai/proposals/{id}/accept": "random ids only: a proposal needs a model turn (ai tests)",
  "POST /api/apps/{slug}/ai/proposals/{id}/reject": "random ids only: a proposal needs a model turn (ai tests)",
  "POST /webhooks/stripe": "refusals only: a valid delivery needs Stripe's signature (billing tests sign them)",
  "GET /api/billing/dev-checkout/{ticket}":
    "random tickets only; and its refusals are HTML pages for the browser, so the JSON error shape is not asked",
  "POST /api/billing/dev-checkout/{ticket}":
    "random tickets only; and its refusals are HTML pages for the browser, so the JSON error shape is not asked",
};
const SIGNED_OUT_ONLY = new Set([
  "POST /api/auth/signup",
  "POST /api/auth/login",
  "POST /api/auth/logout",
  "DELETE /api/auth/sessions",
  "POST /api/auth/password",
]);
const HTML_ANSWERS = new Set(["GET /api/billing/dev-checkout/{ticket}", "POST /api/billing/dev-checkout/{ticket}"]);

describe("T03, T17, T18 the studio's OpenAPI document, fuzzed against the running studio", () => {
  it("every operation: no undocumented 5xx, errors in one shape, statuses and success bodies as documented", async () => {
    const started = Date.now();
    const world = await setUp();
    const operations = operationsOf(world.doc);
    expect(operations.length).toBeGreaterThan(55);
    const names = new Set(operations.map((t) => `${t.method} ${t.path}`));
    expect(Object.keys(PARTLY_DRIVEN).filter((k) => !names.has(k))).toEqual([]);
    let sent = 0;
    for (const target of operations) {
      const name = `${target.method} ${target.path}`;
      const actors: Actor[] = SIGNED_OUT_ONLY.has(name) ? ["anonymous"] : ["anonymous", "creator"];
      await fc.assert(
        fc.asyncProperty(attemptArb(target, world, actors), async (attempt) => {
          sent += 1;
          const problems = await send(world, target, attempt);
          if (problems.length > 0) throw new Error(`${name}: ${problems.join("; ")}`);
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(operations.length * RUNS_PER_OPERATION);
    // A fuzzer whose every request bounced off validation would prove little about the handlers.
    const succeeded = new Set(
      [...world.tally.keys()].filter((k) => / 2\d\d$/.test(k)).map((k) => k.replace(/ \d+$/, "")),
    );
    expect(succeeded.size, [...succeeded].join(", ")).toBeGreaterThanOrEqual(20);
    console.log(
      `[studio openapi fuzz] ${sent} requests over ${operations.length} operations; ` +
        `${succeeded.size} answered 2xx at least once; ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }, 300_000);

  it("every unsafe operation sent cross-site with the creator's cookie answers 403 cross_site (T24)", async () => {
    const world = await setUp();
    const unsafe = operationsOf(world.doc).filter((t) => t.method !== "GET" && !t.path.startsWith("/webhooks/"));
    expect(unsafe.length).toBeGreaterThan(30);
    for (const target of unsafe) {
      const url = fillPath(target.path, (name) => world.real[name]?.[0] ?? "x");
      const sites: Array<Record<string, string>> = [
        { "sec-fetch-site": "cross-site" },
        // An app's origin is a subdomain of the studio's: same-site, and refused all the same.
        { "sec-fetch-site": "same-site", origin: "http://an-app.localhost:8787" },
      ];
      for (const site of sites) {
        const res = await world.creator.fetch(url, {
          method: target.method,
          headers: { ...site, "content-type": "application/json" },
          body: "{}",
        });
        const body = await json<{ error?: { code?: string } }>(res);
        expect([res.status, body.error?.code], `${target.method} ${target.path} ${JSON.stringify(site)}`).toEqual([
          403,
          "cross_site",
        ]);
      }
    }
  });
});

async function setUp(): Promise<World> {
  const doc = await json<Doc>(await new Client(STUDIO_ORIGIN).get("/api/openapi.json"));
  const creator = await signedInCreator("fuzz");
  const app = await createApp(creator, `fuzz-${crypto.randomUUID().slice(0, 8)}`);
  const token = await json<{ id: string }>(await creator.post("/api/tokens", { name: "fuzz" }));
  // Another creator's app: every operation on it must answer exactly like a missing one.
  const other = await createApp(await signedInCreator("fuzz-other"), `fuzz-o-${crypto.randomUUID().slice(0, 8)}`);
  return {
    doc,
    creator,
    real: {
      slug: [app.slug, app.slug, other.slug],
      id: [token.id],
      name: ["notes"],
      version: ["1"],
      token: ["0".repeat(43)],
      ticket: ["t"],
      provider: ["google", "github"],
    },
    tally: new Map(),
  };
}

function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => value(name));
}

function attemptArb(target: Target, world: World, actors: Actor[]): fc.Arbitrary<Attempt> {
  const names = [...target.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
  const params = fc.record(
    Object.fromEntries(names.map((n) => [n, paramArb(world.real[n] ?? [], target.op, n)])) as Record<
      string,
      fc.Arbitrary<string>
    >,
  );
  return fc.record({
    actor: fc.constantFrom(...actors),
    params,
    query: queryArb(target.op, [["copy", "elsewhere"]]),
    body: bodyArb(target.op, world.doc),
  });
}

async function send(world: World, target: Target, attempt: Attempt): Promise<string[]> {
  const client = attempt.actor === "creator" ? world.creator : new Client(STUDIO_ORIGIN);
  const search = new URLSearchParams(attempt.query).toString();
  const url = fillPath(target.path, (name) => attempt.params[name] ?? "") + (search ? `?${search}` : "");
  const headers = new Headers({ "cf-connecting-ip": randomClientIp() });
  const res = await client.fetch(url, requestInit(target.method, attempt.body, headers));
  const key = `${target.method} ${target.path} ${res.status}`;
  world.tally.set(key, (world.tally.get(key) ?? 0) + 1);
  if (HTML_ANSWERS.has(`${target.method} ${target.path}`) && res.status < 500 && res.status !== 200) {
    return target.op.responses[String(res.status)] ? [] : [`status ${res.status} is not in the document`];
  }
  return answerProblems(res, target, world.doc);
}
