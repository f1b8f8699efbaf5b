/// <reference types="node" />
// Static checks on the SDK source that is bundled into every app (T23, I6; DESIGN.md §5).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const isShipped = (f: string) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && f !== "testing.ts" && f !== "dts.ts";
const shipped = readdirSync(here).filter(isShipped);

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

/** Runtime imports (import type is erased by the bundler and never resolved). */
function runtimeImports(src: string): string[] {
  const out: string[] = [];
  for (const m of stripComments(src).matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+["']([^"']+)["']/gm)) {
    if (!m[1]) out.push(m[2]!);
  }
  for (const m of src.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]!);
  return out;
}

describe("SDK source hygiene", () => {
  it("finds the shipped files", () => {
    expect(shipped).toContain("index.ts");
    expect(shipped.length).toBeGreaterThan(5);
  });

  it("never touches cookies or JS-visible storage (T23)", () => {
    const banned = /document\s*\.\s*cookie|\blocalStorage\b|\bsessionStorage\b|\bindexedDB\b|\bcookieStore\b/;
    for (const f of shipped) {
      const code = stripComments(readFileSync(join(here, f), "utf8"));
      expect(banned.test(code), `${f} uses a banned API`).toBe(false);
    }
  });

  it("from index.ts, reaches only react and files inside sandbox/sdk (the builder bundles nothing else)", () => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of runtimeImports(readFileSync(join(here, file), "utf8"))) {
        if (!spec.startsWith(".")) {
          bare.add(spec);
          continue;
        }
        const target = normalize(join(dirname(file), spec));
        expect(relative(".", target).startsWith(".."), `${file} imports ${spec} outside sandbox/sdk`).toBe(false);
        const withExt = [target, `${target}.ts`, `${target}.tsx`].find((p) => isShipped(p) && shipped.includes(p));
        expect(withExt, `${file} imports ${spec}, which is not a shipped SDK file`).toBeDefined();
        visit(withExt!);
      }
    };
    visit("index.ts");
    expect([...bare]).toEqual(["react"]);
    expect(seen.has("testing.ts") || seen.has("dts.ts")).toBe(false);
  });

  it("has no node: imports or Node globals in shipped files", () => {
    for (const f of shipped) {
      const code = stripComments(readFileSync(join(here, f), "utf8"));
      expect(/["']node:|\bprocess\.|\brequire\(|\bBuffer\b/.test(code), `${f} uses Node APIs`).toBe(false);
    }
  });
});
