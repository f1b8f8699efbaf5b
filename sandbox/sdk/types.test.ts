/// <reference types="node" />
// Type-level checks. expectTypeOf is checked by `tsc -p sandbox/sdk` (a regression fails the
// typecheck); the registerDts test compiles a generated .d.ts with the TypeScript compiler.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, expectTypeOf, it } from "vitest";
import { registerDts } from "./dts";
import {
  createSdk,
  type CollectionTypes,
  type Doc,
  type Grants,
  type ListSort,
  type ListWhere,
  type PlanIds,
} from "./index";

const manifest = {
  collections: {
    todos: {
      fields: {
        title: { type: "text", required: true },
        done: { type: "boolean" },
        due: { type: "datetime" },
        priority: { type: "select", options: ["low", "high"], required: true },
        estimate: { type: "number" },
        attachment: { type: "file" },
      },
      indexed: ["priority", "done", "estimate"],
    },
    answers: {
      fields: {
        body: { type: "text", required: true },
        questionId: { type: "reference", collection: "todos", required: true },
        link: { type: "url" },
        day: { type: "date" },
      },
      counts: { votes: { collection: "votes", by: "answerId" } },
    },
  },
  plans: [{ id: "pro", name: "Pro", price: { amount: 500, currency: "usd", interval: "month" }, grants: ["export"] }],
} as const;

type M = typeof manifest;

describe("manifest-derived types", () => {
  it("maps field specs to TypeScript types", () => {
    expectTypeOf<CollectionTypes<M>["todos"]>().toEqualTypeOf<{
      title: string;
      priority: "low" | "high";
      done?: boolean;
      due?: string;
      estimate?: number;
      attachment?: string;
    }>();
    expectTypeOf<Doc<{ a: string }>>().toEqualTypeOf<{
      a: string;
      id: string;
      ownerId?: string | null;
      createdAt: number;
      updatedAt: number;
    }>();
    expectTypeOf<CollectionTypes<M>["answers"]>().toEqualTypeOf<{
      body: string;
      questionId: string;
      link?: string;
      day?: string;
    }>();
    expectTypeOf<PlanIds<M>>().toEqualTypeOf<"pro">();
    expectTypeOf<Grants<M>>().toEqualTypeOf<"export">();
    expectTypeOf<CollectionTypes<unknown>>().toEqualTypeOf<Record<string, Record<string, unknown>>>();
  });

  it("types a list's where and sort from the manifest's indexed fields", () => {
    type Todos = M["collections"]["todos"];
    expectTypeOf<ListWhere<Todos>>().toEqualTypeOf<{
      priority?: "low" | "high";
      done?: boolean;
      estimate?: number;
      ownerId?: "@me";
    }>();
    expectTypeOf<ListSort<Todos>>().toEqualTypeOf<
      "createdAt" | "-createdAt" | "priority" | "done" | "estimate" | "-priority" | "-done" | "-estimate"
    >();
    expectTypeOf<ListWhere<unknown>>().toEqualTypeOf<Readonly<Record<string, string | number | boolean>>>();
    const sdk = createSdk<M>();
    expectTypeOf(sdk.useCollection<"todos">)
      .parameter(1)
      .toEqualTypeOf<
        { limit?: number; where?: ListWhere<Todos>; sort?: ListSort<Todos>; search?: string } | undefined
      >();
  });

  it("createSdk<typeof manifest>() returns the plain runtime functions", () => {
    const sdk = createSdk<M>();
    expectTypeOf(sdk.checkout).parameter(0).toEqualTypeOf<"pro">();
    expectTypeOf(sdk.useCollection).parameter(0).toEqualTypeOf<"todos" | "answers">();
    // A count is on every item, read-only, and no write may send it.
    type Answers = ReturnType<typeof sdk.useCollection<"answers">>;
    expectTypeOf<Answers["items"][number]["votes"]>().toEqualTypeOf<number>();
    expectTypeOf<Parameters<Answers["create"]>[0]>().toEqualTypeOf<CollectionTypes<M>["answers"]>();
    expect(typeof sdk.useCollection).toBe("function");
    expect(typeof sdk.Paywall).toBe("function");
  });
});

describe("registerDts", () => {
  it("types the plain exports of @sandlot/sdk from a JSON manifest", () => {
    const sdkIndex = join(dirname(fileURLToPath(import.meta.url)), "index.ts");
    const dir = mkdtempSync(join(tmpdir(), "sandlot-dts-"));
    try {
      writeFileSync(join(dir, "sandlot-env.d.ts"), registerDts(JSON.parse(JSON.stringify(manifest))));
      writeFileSync(
        join(dir, "app.ts"),
        [
          'import { useCollection, checkout, type CollectionData } from "@sandlot/sdk";',
          'const ok: CollectionData<"todos"> = { title: "t", priority: "high" };',
          "void ok;",
          'export const f = () => { const r = useCollection("todos"); const t: string = r.items[0]!.title; void checkout("pro"); return t; };',
          'export const q = () => useCollection("todos", { where: { priority: "high", done: false, ownerId: "@me" }, sort: "-estimate", limit: 5 });',
          "// @ts-expect-error title is not indexed",
          'export const q1 = () => useCollection("todos", { where: { title: "x" } });',
          "// @ts-expect-error not an option of priority",
          'export const q2 = () => useCollection("todos", { where: { priority: "urgent" } });',
          "// @ts-expect-error due is not a sort order",
          'export const q3 = () => useCollection("todos", { sort: "-due" });',
          "// @ts-expect-error ownerId filters only by @me",
          'export const q4 = () => useCollection("todos", { where: { ownerId: "u_123" } });',
          "// @ts-expect-error unknown collection",
          'export const g = () => useCollection("nope");',
          "// @ts-expect-error not an option",
          'export const bad: CollectionData<"todos"> = { title: "t", priority: "urgent" };',
          "// @ts-expect-error unknown plan",
          'export const h = () => checkout("gold");',
          'export const v = () => { const r = useCollection("answers"); const n: number = r.items[0]!.votes; return n; };',
          "// @ts-expect-error a count is the server's",
          'export const w = () => useCollection("answers").create({ body: "b", questionId: "q", votes: 3 });',
          "// @ts-expect-error a count is read-only",
          'export const x = (d: NonNullable<ReturnType<typeof useCollection<"answers">>["items"][number]>) => { d.votes = 1; };',
        ].join("\n"),
      );
      const program = ts.createProgram([join(dir, "app.ts"), join(dir, "sandlot-env.d.ts")], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
        types: [],
        skipLibCheck: true,
        paths: { "@sandlot/sdk": [sdkIndex] },
        typeRoots: [],
      });
      const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(diags).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
