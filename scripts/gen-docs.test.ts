import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without types
import { parseArgs, resolveCommand } from "./cli/args.mjs";
// @ts-expect-error plain ESM without types
import { appErrorCodes, files, sections, withSection } from "./gen-docs.mjs";

const ROOT = join(__dirname, "..");
const read = (p: string): string => readFileSync(join(ROOT, p), "utf8");
const DOCS = ["README.md", "SECURITY.md", ...readdirSync(join(ROOT, "docs")).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith(".md"),
);

describe("generated docs (issue 19 item 6)", () => {
  it("each generated section in the docs is what the code says now (run node scripts/gen-docs.mjs)", async () => {
    for (const s of (await sections()) as Array<{ file: string; name: string; body: string }>) {
      const text = read(s.file);
      expect(withSection(text, s.name, s.body), `${s.file} ${s.name}`).toBe(text);
    }
  });

  it("each generated file is what the code says now: docs/openapi/studio.json (run node scripts/gen-docs.mjs)", async () => {
    const generated = (await files()) as Array<{ file: string; body: string }>;
    expect(generated.map((f) => f.file)).toEqual(["docs/openapi/studio.json"]);
    for (const f of generated) expect(existsSync(join(ROOT, f.file)) && read(f.file), f.file).toBe(f.body);
    const doc = JSON.parse(generated[0]!.body) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/apps", "/api/apps/{slug}/publish"]));
  });

  it("the error codes are the server's: unauthorized, plan_required, too_many_requests; not the old names", () => {
    const codes = (appErrorCodes() as Array<{ status: number; code: string }>).map((e) => `${e.status} ${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(["401 unauthorized", "403 plan_required", "429 too_many_requests"]));
    const sdk = read("docs/sdk.md");
    for (const wrong of ["unauthenticated", "payment_required", "`too_large`"]) expect(sdk).not.toContain(wrong);
  });

  it("the document-size cap in the docs is the one the manifest schema and the server enforce", () => {
    const parts = read("platform/manifest/parts.ts");
    expect(parts).toContain("maxDocumentBytes: z.number().int().min(64).max(MAX_DOCUMENT_BYTES)");
    expect(read("docs/app-api.md")).toMatch(/collection `maxDocumentBytes` \| 16 KiB \| 64 KiB/);
  });
});

describe("the docs' examples (issue 19 items 5 and 6)", () => {
  const scripts = Object.keys(JSON.parse(read("package.json")).scripts as Record<string, string>);

  it("every `npm run X` the docs name exists in package.json", () => {
    const named = DOCS.flatMap((f) => [...read(f).matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => [f, m[1]!]));
    expect(named.length).toBeGreaterThan(0);
    for (const [file, name] of named) expect(scripts, `${file}: npm run ${name}`).toContain(name);
  });

  it("every `npx sandlot …` line in the docs is a command the CLI knows", () => {
    const lines = DOCS.flatMap((f) =>
      [...read(f).matchAll(/npx sandlot ([^#`\n]+)/g)].map((m) => [f, m[1]!.replace(/[[\]…]/g, "").trim()]),
    );
    expect(lines.length).toBeGreaterThan(10);
    for (const [file, line] of lines) {
      if (line === "--help" || line === "") continue;
      // Shell words: a quoted phrase is one argument.
      const argv = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      const parsed = parseArgs(argv) as { ok: boolean; positionals: string[]; error?: string };
      expect(parsed.ok, `${file}: sandlot ${line}: ${parsed.error}`).toBe(true);
      const resolved = resolveCommand(parsed.positionals) as { ok: boolean; error?: string };
      expect(resolved.ok, `${file}: sandlot ${line}: ${resolved.error}`).toBe(true);
    }
  });

  it("every --template the docs use is a shipped template, and every fixture path they cite exists", () => {
    const templates = DOCS.flatMap((f) =>
      [...read(f).matchAll(/--template ([a-z][a-z0-9-]+)/g)].map((m) => [f, m[1]!]),
    );
    expect(templates.length).toBeGreaterThan(0);
    // A shipped template, or one the same page has just made with `template new` (and pushed).
    const made = (file: string): string[] =>
      [...read(file).matchAll(/template new ([a-z][a-z0-9-]+)/g)].map((m) => m[1]!);
    for (const [file, id] of templates) {
      const shipped = existsSync(join(ROOT, "templates", id!, "template.json"));
      expect(shipped || made(file!).includes(id!), `${file}: ${id}`).toBe(true);
    }
    const paths = DOCS.flatMap((f) =>
      [...read(f).matchAll(/`((?:test\/fixtures|templates|scripts)\/[\w./-]+\.(?:json|ts|mjs))`/g)].map((m) => [
        f,
        m[1]!,
      ]),
    );
    expect(paths.length).toBeGreaterThan(0);
    for (const [file, p] of paths) expect(existsSync(join(ROOT, p!)), `${file}: ${p}`).toBe(true);
  });

  it("the checkout return URL is documented as the server builds it", () => {
    const source = read("platform/billing/checkout.ts");
    expect(source).toMatch(/`\$\{caller\.app\.origin\}\/\?\$\{query\}#\/account`/);
    expect(source).toContain("checkout=success&plan=");
    expect(read("docs/sdk.md")).toContain("/?checkout=success&plan=<planId>#/account");
  });
});
