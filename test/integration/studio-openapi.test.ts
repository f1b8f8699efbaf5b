import type { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { studioRouter } from "../../platform/worker/studio/router";
import { buildStudioOpenApi } from "../../platform/worker/studio/openapi/studio-document";
import { Client, json, STUDIO_ORIGIN } from "../helpers/client";
import { signedInCreator } from "./apps-helpers";

/** The studio API's OpenAPI document against the studio's router (issue 14: both documents, fuzzed). */

type Operation = {
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
};
type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
};

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/**
 * Routes with a wildcard are not operations of this document; each is named with why. A new one
 * fails the test until it is documented or listed here.
 */
const NOT_OPERATIONS: Record<string, string> = {
  "ALL /*": "middleware: request id, security headers, body limit, cross-site check",
  "ALL /api/*": "middleware (the signed-in creator), then the JSON 404 for any other /api path",
  "ALL /api/auth/*": "middleware: the edge rate limit on sign-in writes",
  "ALL /api/apps/*": "middleware: the edge rate limit on preview sign-in writes",
  "ALL /api/apps/:slug/preview/_api/*": "the preview copy's own App API: the app's document, /_api/openapi.json",
  "GET /_sandlot/vendor/*": "static shared React files for the preview iframe, not an API",
  "GET /*": "the studio's single-page frontend (web/dist)",
};

/** Router rows as `METHOD /path/{param}`, and the wildcard rows not listed in NOT_OPERATIONS. */
function routerOperations(router: Hono<never>): { operations: Set<string>; unexplained: string[] } {
  const operations = new Set<string>();
  const unexplained = new Set<string>();
  for (const r of router.routes) {
    const key = `${r.method} ${r.path}`;
    if (r.path.includes("*") || !METHODS.has(r.method.toLowerCase())) {
      if (!(key in NOT_OPERATIONS)) unexplained.add(key);
      continue;
    }
    operations.add(`${r.method} ${r.path.replace(/:([A-Za-z]+)/g, "{$1}")}`);
  }
  return { operations, unexplained: [...unexplained] };
}

function documented(doc: Doc): Set<string> {
  return new Set(
    Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)),
  );
}

/** What the router has that the document lacks, and the other way round. */
function drift(router: Hono<never>, doc: Doc): { undocumented: string[]; notRouted: string[]; unexplained: string[] } {
  const { operations, unexplained } = routerOperations(router);
  const listed = documented(doc);
  return {
    undocumented: [...operations].filter((o) => !listed.has(o)),
    notRouted: [...listed].filter((o) => !operations.has(o)),
    unexplained,
  };
}

async function fetchDoc(client = new Client(STUDIO_ORIGIN)): Promise<Doc> {
  const res = await client.get("/api/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  return json<Doc>(res);
}

describe("GET /api/openapi.json (the studio API)", () => {
  it("is an OpenAPI 3.1 document whose every $ref resolves, signed out and signed in alike", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe("Sandlot studio API");
    expect(doc.servers).toEqual([{ url: "/" }]);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith("/")).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS.has(method), `${method} ${path}`).toBe(true);
        for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$/);
      }
    }
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? [];
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of refs) expect(doc.components.schemas[ref.split("/").pop()!], ref).toBeDefined();
    expect(await fetchDoc(await signedInCreator("openapi"))).toEqual(doc);
  });

  it("documents every route of the studio router, and nothing the router lacks", async () => {
    const doc = await fetchDoc();
    const found = drift(studioRouter() as unknown as Hono<never>, doc);
    expect(found).toEqual({ undocumented: [], notRouted: [], unexplained: [] });
    expect(documented(doc).size).toBeGreaterThan(55);
  });

  it("a route added without documenting it, or a new wildcard, is caught (so the check above can fail)", async () => {
    const doc = await fetchDoc();
    const router = studioRouter() as unknown as Hono<never>;
    router.get("/api/apps/:slug/secret-report", (c) => c.text("x"));
    router.all("/api/new/*", (c) => c.text("x"));
    const found = drift(router, doc);
    expect(found.undocumented).toEqual(["GET /api/apps/{slug}/secret-report"]);
    expect(found.unexplained).toEqual(["ALL /api/new/*"]);
    const trimmed: Doc = { ...doc, paths: { ...doc.paths, "/api/ghost": { get: { responses: {} } } } };
    expect(drift(studioRouter() as unknown as Hono<never>, trimmed).notRouted).toEqual(["GET /api/ghost"]);
  });

  it("is built from the handlers' own zod schemas: what it forbids, the handler refuses", async () => {
    const doc = await fetchDoc();
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildStudioOpenApi())));
    const create = doc.components.schemas.CreateAppBody as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, { maxLength?: number }>;
    };
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(["slug", "template"]);
    expect(create.properties.slug?.maxLength).toBe(100);
    expect(doc.paths["/api/apps"]!.post!.requestBody!.content["application/json"]!.schema.$ref).toBe(
      "#/components/schemas/CreateAppBody",
    );
    expect(doc.paths["/api/apps/{slug}/imports"]!.post!.requestBody!.content).toHaveProperty(["application/zip"]);
    const creator = await signedInCreator("openapi-refuse");
    const tooLong = await creator.post("/api/apps", { slug: "a".repeat(101), template: "sandlot-publish" });
    expect(tooLong.status).toBe(400);
    const extra = await creator.post("/api/apps", { slug: "fine-slug", template: "sandlot-publish", admin: true });
    expect(extra.status).toBe(400);
    // Answers are the contract's shapes: the creator carries exactly the fields contract.ts names.
    const me = doc.components.schemas.CreatorResponse as { properties: { creator: { required: string[] } } };
    expect(me.properties.creator.required.sort()).toEqual(["createdAt", "email", "id", "plan"]);
  });

  it("operations that need something a test platform may lack say so (503), and only those", async () => {
    const doc = await fetchDoc();
    const with503 = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.entries(item).map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as const))
      .filter(([, op]) => "503" in op.responses)
      .map(([key]) => key);
    expect(with503).toEqual(expect.arrayContaining(["POST /api/apps/{slug}/ai/chat", "POST /webhooks/stripe"]));
    expect(with503).not.toContain("GET /api/apps");
  });
});
