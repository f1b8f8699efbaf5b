import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without types
import { GENERATED, staleGenerated } from "./prepare.mjs";

const ROOT = join(__dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "sandlot-prepare-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("workerd tests need no separate prepare step (issue 19 item 5)", () => {
  it("the workerd config generates what the Worker imports before anything else runs", () => {
    const config = readFileSync(join(ROOT, "vitest.config.ts"), "utf8");
    const setups = /globalSetup: \[([\s\S]*?)\]/.exec(config)?.[1] ?? "";
    expect(setups.trim().split("\n")[0]).toContain("// First:");
    expect(setups).toMatch(/^\s*\/\/[^\n]*\n\s*"\.\/test\/setup\/prepare\.global-setup\.ts"/);
    expect(readFileSync(join(ROOT, "test/setup/prepare.global-setup.ts"), "utf8")).toContain("ensureGenerated()");
  });

  it("names every generated file that is missing, and the vendor files once the kit is newer", () => {
    expect(staleGenerated(scratch)).toEqual(GENERATED);
    for (const rel of GENERATED as string[]) {
      mkdirSync(join(scratch, rel, ".."), { recursive: true });
      writeFileSync(join(scratch, rel), "// generated\n");
    }
    mkdirSync(join(scratch, "sandbox/kit"), { recursive: true });
    writeFileSync(join(scratch, "sandbox/kit/index.ts"), "export {};\n");
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(scratch, "sandbox/kit/index.ts"), old, old);
    expect(staleGenerated(scratch)).toEqual([]);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(scratch, "sandbox/kit/index.ts"), later, later);
    expect(staleGenerated(scratch)).toEqual(["sandbox/vendor/dist/files.ts"]);
  });

  it("the docs name no prepare script that does not exist", () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.prepare).toBeUndefined();
    for (const doc of ["docs/cli.md", "docs/templates.md", "README.md"])
      expect(readFileSync(join(ROOT, doc), "utf8"), doc).not.toContain("npm run prepare");
  });
});
