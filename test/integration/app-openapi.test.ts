import { describe, expect, it } from "vitest";
import { createAppApi } from "../../platform/object/api/router";
import type { AppStore } from "../../platform/object/store";
import { manifestSchema } from "../../platform/manifest/schema";
import { getTemplate } from "../../platform/templates/registry";
import { json } from "../helpers/client";
import { makeApp } from "../attacks/helpers/app";

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, unknown>; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }
    >
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
};

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

async function fetchDoc(): Promise<Doc> {
  const app = await makeApp(`oa-${crypto.randomUUID().slice(0, 8)}`);
  const res = await app.client().get("/_api/openapi.json");
  expect(res.status).toBe(200);
  return json<Doc>(res);
}

describe("GET /_api/openapi.json", () => {
  it("has the shape of an OpenAPI 3.1 document", async () => {
    const doc = await fetchDoc();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith("/")).toBe(true);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS.has(method), `${method} ${path}`).toBe(true);
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const status of Object.keys(op.responses)) expect(status).toMatch(/^[1-5]\d\d$|^default$/);
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
      expect(typeof schema).toBe("object");
      expect(schema.$schema, name).toBeUndefined();
      expect(
        typeof schema.type === "string" || Array.isArray(schema.type) || "$ref" in schema || "anyOf" in schema,
        name,
      ).toBe(true);
    }
    // Every $ref resolves.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? [];
    for (const ref of refs) expect(doc.components.schemas[ref.split("/").pop()!], ref).toBeDefined();
  });

  it("documents every mounted route, for every collection of the app", async () => {
    const doc = await fetchDoc();
    const manifest = manifestSchema.parse(getTemplate({ ENVIRONMENT: "test" }, "sandlot-test")!.manifest);
    const api = createAppApi({} as AppStore);
    const routes = api.routes.filter((r) => METHODS.has(r.method.toLowerCase()) && !r.path.includes("*"));
    expect(routes.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const route of routes) {
      const names = route.path.includes(":name") ? Object.keys(manifest.collections) : [null];
      for (const name of names) {
        const path = route.path.replace(":name", name ?? "").replace(/:([A-Za-z]+)/g, "{$1}");
        if (!doc.paths[path]?.[route.method.toLowerCase()]) missing.push(`${route.method} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("collection schemas are the ones the handlers enforce: strict, typed, bounded", async () => {
    const doc = await fetchDoc();
    const create = doc.components.schemas.NotesCreate!;
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(["title"]);
    expect((create.properties as Record<string, { maxLength?: number }>).title!.maxLength).toBe(200);
    expect(doc.paths["/_api/collections/notes"]!.post!.requestBody!.content["application/json"]!.schema.$ref).toBe(
      "#/components/schemas/NotesCreate",
    );
    const slots = doc.components.schemas.SlotsCreate!.properties as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(slots.room)).toContain('"a"');
    expect(JSON.stringify(slots.minutes)).toContain('"integer"');
  });
});

describe("conditional collections in the document (sandlot-rules)", () => {
  async function rulesDoc(): Promise<
    Doc & {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema: Record<string, unknown> }> }>>;
    }
  > {
    const app = await makeApp(`oa-rules-${crypto.randomUUID().slice(0, 8)}`, "sandlot-rules");
    return json(await app.client().get("/_api/openapi.json"));
  }

  it("a field only some readers receive is never promised: optional, and says who sees it (T56)", async () => {
    const doc = await rulesDoc();
    const item = doc.components.schemas.PostsItem as {
      required: string[];
      properties: Record<string, { description?: string }>;
    };
    expect(item.required).not.toContain("ownerId");
    expect(item.required).not.toContain("secret");
    expect(item.required).toEqual(expect.arrayContaining(["id", "createdAt", "updatedAt", "title", "status"]));
    expect(item.properties.secret?.description).toContain('"owner"');
    expect(item.properties.ownerId?.description).toContain('"owner|creator"');
    const profile = doc.components.schemas.ProfilesItem as { required: string[] };
    expect(profile.required).toContain("ownerId");
  });

  it("the list documents its filters and sort orders; creates and updates may answer 204", async () => {
    const doc = await rulesDoc();
    const list = doc.paths["/_api/collections/posts"]!.get!;
    const params = Object.fromEntries((list.parameters ?? []).map((p) => [p.name, p.schema]));
    expect(Object.keys(params)).toEqual([
      "limit",
      "cursor",
      "sort",
      "where[ownerId]",
      "where[status]",
      "where[score]",
      "where[title]",
      "where[featured]",
    ]);
    expect(params.sort?.enum).toEqual([
      "createdAt",
      "-createdAt",
      "status",
      "-status",
      "score",
      "-score",
      "title",
      "-title",
      "featured",
      "-featured",
    ]);
    expect(params["where[status]"]?.enum).toEqual(["draft", "published"]);
    expect(Object.keys(params)).not.toContain("where[secret]");
    expect(Object.keys(doc.paths["/_api/collections/posts"]!.post!.responses)).toEqual(
      expect.arrayContaining(["201", "204"]),
    );
    expect(Object.keys(doc.paths["/_api/collections/posts/{id}"]!.patch!.responses)).toEqual(
      expect.arrayContaining(["200", "204"]),
    );
  });
});

describe("data primitives in the document (sandlot-prims, issue 17)", () => {
  type Schema = { required?: string[]; properties: Record<string, Record<string, unknown>> };
  type PrimsDoc = Doc & { paths: Record<string, Record<string, { description?: string }>> };
  async function primsDoc(): Promise<PrimsDoc> {
    const app = await makeApp(`oa-prims-${crypto.randomUUID().slice(0, 8)}`, "sandlot-prims");
    return json(await app.client().get("/_api/openapi.json"));
  }

  it("url, email, date and reference fields carry their formats; a count is read-only in items only", async () => {
    const doc = await primsDoc();
    const listing = doc.components.schemas.ListingsCreate as Schema;
    expect(JSON.stringify(listing.properties.website)).toContain('"format":"uri"');
    expect(JSON.stringify(listing.properties.contact)).toContain('"format":"email"');
    expect(listing.required ?? []).not.toContain("status");
    expect(JSON.stringify((doc.components.schemas.EventsCreate as Schema).properties.day)).toContain('"format":"date"');
    expect(JSON.stringify((doc.components.schemas.VotesCreate as Schema).properties.answerId)).toContain(
      "The id of a document in answers",
    );
    const item = doc.components.schemas.AnswersItem as Schema;
    expect(item.required).toContain("votes");
    expect(item.properties.votes?.description).toContain("read-only");
    expect(Object.keys((doc.components.schemas.AnswersCreate as Schema).properties)).not.toContain("votes");
    expect(Object.keys((doc.components.schemas.AnswersUpdate as Schema).properties)).not.toContain("votes");
  });

  it("creates and updates say what the server checks beyond the schema", async () => {
    const doc = await primsDoc();
    expect(doc.paths["/_api/collections/votes"]!.post!.description).toContain("unique: ownerId + answerId");
    expect(doc.paths["/_api/collections/tickets"]!.post!.description).toContain("capacity_reached");
    expect(doc.paths["/_api/collections/tickets"]!.post!.description).toContain("unknown_reference");
    expect(doc.paths["/_api/collections/listings"]!.post!.description).toContain('status: "pending" when left out');
    expect(doc.paths["/_api/collections/listings/{id}"]!.patch!.description).toContain(
      "status moves only pending → approved|rejected",
    );
  });
});
