import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The platform's layout, held against its imports (type imports included). Folders name the
 * runtime: platform/worker/ runs in the Worker, platform/object/ inside an app's Durable Object;
 * the other rooms are libraries either may use. These tests fail naming the file and the import.
 */

const ROOT = resolve(__dirname, "../..");
const PLATFORM = join(ROOT, "platform");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "node_modules" && name !== "migrations") out.push(...sourceFiles(full));
    } else if (
      /\.tsx?$/.test(name) &&
      !name.endsWith(".d.ts") &&
      !/\.test\.tsx?$/.test(name) &&
      !name.endsWith(".gen.ts")
    ) {
      out.push(full);
    }
  }
  return out;
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return null;
}

const files = sourceFiles(PLATFORM);
const graph = new Map<string, string[]>();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  const targets: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const target = resolveImport(file, m[1] ?? m[2] ?? "");
    if (target?.startsWith(PLATFORM) && /\.tsx?$/.test(target)) targets.push(target);
  }
  graph.set(file, targets);
}

const rel = (f: string): string => relative(ROOT, f);
const room = (f: string): string => relative(PLATFORM, f).split("/")[0]!;

/** Tarjan's strongly connected components: every circle of two or more files, or a file importing itself. */
function circles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

function importsFrom(rooms: (r: string) => boolean, forbidden: (r: string) => boolean): string[] {
  const bad: string[] = [];
  for (const [file, targets] of graph) {
    if (!rooms(room(file))) continue;
    for (const t of targets) if (forbidden(room(t))) bad.push(`${rel(file)} imports ${rel(t)}`);
  }
  return bad;
}

const RUNTIMES = new Set(["worker", "object", "builder"]);
const ENTRY = new Set(["index.ts"]);

describe("platform layout", () => {
  it("reads the platform's files (the check is not vacuous)", () => {
    expect(files.length).toBeGreaterThan(50);
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
  });

  it("has no import circle among platform files, type imports included", () => {
    expect(circles()).toEqual([]);
  });

  it("code inside the Durable Object never imports the Worker's rooms", () => {
    expect(
      importsFrom(
        (r) => r === "object",
        (r) => r === "worker" || ENTRY.has(r),
      ),
    ).toEqual([]);
  });

  it("libraries never import a runtime room, so every folder's runtime is its own", () => {
    expect(
      importsFrom(
        (r) => !RUNTIMES.has(r) && !ENTRY.has(r),
        (r) => RUNTIMES.has(r) || ENTRY.has(r),
      ),
    ).toEqual([]);
  });

  it("the policy evaluator is pure: it imports nothing outside policy/", () => {
    expect(
      importsFrom(
        (r) => r === "policy",
        (r) => r !== "policy",
      ),
    ).toEqual([]);
  });
});

/** Every line of platform/ fits the formatter's width; Biome cannot wrap strings and comments, so this holds it. */
const MAX_LINE = 120;

function tsFilesWithTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "node_modules" && name !== "migrations") out.push(...tsFilesWithTests(full));
    } else if (/\.tsx?$/.test(name) && !name.endsWith(".gen.ts")) {
      out.push(full);
    }
  }
  return out;
}

describe("platform line width", () => {
  it(`has no line over ${MAX_LINE} characters (tests included)`, () => {
    const files = tsFilesWithTests(PLATFORM);
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (line.length > MAX_LINE ? [`${relative(ROOT, file)}:${i + 1} (${line.length})`] : [])),
    );
    expect(long).toEqual([]);
  });
});
