import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The design travels with the code: every threat id (T01…) and invariant id (I1…) cited anywhere in
 * the repository must have an anchor in docs/threats.md or docs/design.md; every test file that
 * cites a threat id is listed in that id's row; and the files those two pages name exist. Failures
 * name file:line.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const THREATS = "docs/threats.md";
const DESIGN = "docs/design.md";

/** Not ours to scan: dependencies, build output, local state (mirrors .gitignore). */
const SKIP_DIRS = new Set([
  "node_modules",
  ".git",
  ".wrangler",
  "dist",
  "test-results",
  "coverage",
  ".tmp",
  ".sandlot",
]);
/** Generated from files that are scanned, or secrets (never read). */
const SKIP_FILES = new Set([
  "package-lock.json",
  ".dev.vars",
  "platform/templates/bundle.gen.ts",
  "templates/template.schema.json",
  "platform/db/migrations/do/migrations.js",
]);
const SKIP_UNDER = ["platform/db/migrations/d1/meta/", "platform/db/migrations/do/meta/"];
const TEXT_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs|md|json|css|html|sql|toml|ya?ml|example)$/;

function repoFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    const rel = relative(ROOT, abs).split(sep).join("/");
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...repoFiles(abs));
    } else if (
      entry.isFile() &&
      TEXT_FILE.test(entry.name) &&
      !SKIP_FILES.has(rel) &&
      !SKIP_UNDER.some((p) => rel.startsWith(p))
    ) {
      out.push(rel);
    }
  }
  return out.sort();
}

/**
 * Ids a line cites, in the forms the code uses: `T05`, `(T11, T12)`, `T05/T06`, `[T48]`, `I7`, and
 * ranges `T34–T37` / `T34-T37` (every id in the range counts). Word boundaries keep timestamps
 * (`2026-01-01T10:00`) and identifiers (`CANARY_T02`) out.
 */
function idsIn(line: string): string[] {
  const ids: string[] = [];
  for (const m of line.matchAll(/\bT(\d{2})\s*[–-]\s*T(\d{2})\b|\bI(\d)\s*[–-]\s*I(\d)\b/g)) {
    const threat = m[1] !== undefined;
    const a = Number(threat ? m[1] : m[3]);
    const b = Number(threat ? m[2] : m[4]);
    for (let n = a; n <= b; n++) ids.push(threat ? `T${String(n).padStart(2, "0")}` : `I${n}`);
  }
  for (const m of line.matchAll(/\bT\d{2}\b|\bI\d\b/g)) ids.push(m[0]);
  return [...new Set(ids)];
}

/** Test files named for the ids they prove: `t34-t37-webhooks.test.ts`, `i7-rate-limits.test.ts`. */
function idsInFileName(path: string): string[] {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (!/\.(?:test|e2e)\.ts$/.test(base)) return [];
  return base
    .split(/[-.]/)
    .filter((part) => /^t\d{2}$|^i\d$/.test(part))
    .map((part) => part.toUpperCase());
}

function anchorsIn(path: string): Array<{ id: string; line: number }> {
  const out: Array<{ id: string; line: number }> = [];
  readFileSync(join(ROOT, path), "utf8")
    .split("\n")
    .forEach((text, i) => {
      for (const m of text.matchAll(/<a id="([^"]+)"><\/a>/g)) out.push({ id: m[1]!, line: i + 1 });
    });
  return out;
}

const threatAnchors = new Set(anchorsIn(THREATS).map((a) => a.id));
const designAnchors = new Set(anchorsIn(DESIGN).map((a) => a.id));

/** Where an id must be anchored: threats in threats.md, invariants in design.md. */
function missingAnchor(id: string): string | null {
  if (id.startsWith("T")) return threatAnchors.has(id) ? null : `${id} has no <a id="${id}"></a> in ${THREATS}`;
  return designAnchors.has(id) ? null : `${id} has no <a id="${id}"></a> in ${DESIGN}`;
}

describe("idsIn (the matcher can tell references from look-alikes)", () => {
  it("finds every form the code uses", () => {
    expect(idsIn("same 404 (T11, T12). See I3 and T05/T06 and [T48]")).toEqual([
      "T11",
      "T12",
      "I3",
      "T05",
      "T06",
      "T48",
    ]);
    expect(idsIn("webhooks T34–T37 and T35-T36; I1–I3")).toEqual(["T34", "T35", "T36", "T37", "I1", "I2", "I3"]);
    expect(idsIn('it("T01: a credential", () => {')).toEqual(["T01"]);
  });
  it("ignores timestamps, identifiers, hex and longer tokens", () => {
    expect(idsIn('createdAt: "2026-01-01T00:00:00.000Z", at: "2026-12-01T10:00:00Z"')).toEqual([]);
    expect(idsIn('const name = "SANDLOT_CANARY_T02"; T2 T123 I10 xI1 0xT12 T12a')).toEqual([]);
  });
  it("reads ids from test file names only", () => {
    expect(idsInFileName("test/attacks/t03-t17-t18-errors.test.ts")).toEqual(["T03", "T17", "T18"]);
    expect(idsInFileName("test/attacks/i7-rate-limits.test.ts")).toEqual(["I7"]);
    expect(idsInFileName("test/integration/apps-t15-ownership.test.ts")).toEqual(["T15"]);
    expect(idsInFileName("docs/t10-notes.md")).toEqual([]);
  });
});

describe("docs anchors", () => {
  it("threats.md anchors T01…T56 once each, with no gaps", () => {
    const ids = anchorsIn(THREATS)
      .map((a) => a.id)
      .filter((id) => /^T\d{2}$/.test(id));
    expect(new Set(ids).size, "an id is anchored twice").toBe(ids.length);
    const max = Math.max(56, ...ids.map((id) => Number(id.slice(1))));
    const expected = Array.from({ length: max }, (_, i) => `T${String(i + 1).padStart(2, "0")}`);
    expect([...ids].sort()).toEqual(expected);
  });
  it("design.md anchors I1…I9 once each", () => {
    const ids = anchorsIn(DESIGN)
      .map((a) => a.id)
      .filter((id) => /^I\d$/.test(id));
    expect([...ids].sort()).toEqual(["I1", "I2", "I3", "I4", "I5", "I6", "I7", "I8", "I9"]);
  });
});

describe("every cited id has an anchor", () => {
  const files = repoFiles();

  it("scans the repository's sources, tests and docs", () => {
    // Guards against a walk that silently finds nothing.
    for (const f of ["platform/index.ts", "test/attacks/t11-t12-idor.test.ts", "SECURITY.md", THREATS, DESIGN])
      expect(files).toContain(f);
    expect(files.some((f) => f.includes("node_modules/"))).toBe(false);
  });

  it("in file contents (file:line)", () => {
    const problems: string[] = [];
    for (const file of files) {
      readFileSync(join(ROOT, file), "utf8")
        .split("\n")
        .forEach((text, i) => {
          for (const id of idsIn(text)) {
            const missing = missingAnchor(id);
            if (missing) problems.push(`${file}:${i + 1}: ${missing}`);
          }
        });
    }
    expect(problems).toEqual([]);
  });

  it("in test file names", () => {
    const problems: string[] = [];
    for (const file of files)
      for (const id of idsInFileName(file)) {
        const missing = missingAnchor(id);
        if (missing) problems.push(`${file}: (file name) ${missing}`);
      }
    expect(problems).toEqual([]);
  });

  it("in links to design.md#… and threats.md#… from any Markdown file", () => {
    const problems: string[] = [];
    for (const file of files.filter((f) => f.endsWith(".md"))) {
      readFileSync(join(ROOT, file), "utf8")
        .split("\n")
        .forEach((text, i) => {
          for (const m of text.matchAll(/\]\((?:[^)#\s]*\/)?(design|threats)\.md#([^)\s]+)\)/g)) {
            const anchors = m[1] === "design" ? designAnchors : threatAnchors;
            if (!anchors.has(m[2]!)) problems.push(`${file}:${i + 1}: no anchor "${m[2]}" in docs/${m[1]}.md`);
          }
        });
    }
    expect(problems).toEqual([]);
  });
});

const TOP_DIRS = new Set(
  readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !SKIP_DIRS.has(e.name))
    .map((e) => e.name),
);

describe("threats.md lists the tests that cite each threat", () => {
  it("every test file citing Txx (in its text or name) appears in row Txx", () => {
    const rows = new Map<string, string>();
    for (const line of readFileSync(join(ROOT, THREATS), "utf8").split("\n")) {
      const m = /^\| <a id="(T\d{2})"><\/a>/.exec(line);
      if (m) rows.set(m[1]!, line);
    }
    const problems: string[] = [];
    const self = "scripts/docs-ids.test.ts";
    for (const file of repoFiles().filter((f) => /\.(?:test|e2e)\.ts$/.test(f) && f !== self)) {
      const cited = new Set([
        ...readFileSync(join(ROOT, file), "utf8").split("\n").flatMap(idsIn),
        ...idsInFileName(file),
      ]);
      for (const id of [...cited].filter((i) => i.startsWith("T")).sort()) {
        const row = rows.get(id);
        if (row && !row.includes(`\`${file}\``))
          problems.push(`${file} cites ${id}: add \`${file}\` to the ${id} row of ${THREATS}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the design docs name files that exist", () => {
  it.each([THREATS, DESIGN])("%s", (doc) => {
    const problems: string[] = [];
    readFileSync(join(ROOT, doc), "utf8")
      .split("\n")
      .forEach((text, i) => {
        for (const m of text.matchAll(/`([A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\/(?:[A-Za-z0-9_.-]+\.[a-z]{2,4})?)`/g)) {
          const path = m[1]!;
          // Only repository paths: template-relative ones (`src/main.tsx`) start elsewhere.
          if (SKIP_FILES.has(path) || !TOP_DIRS.has(path.split("/")[0]!)) continue;
          if (!existsSync(join(ROOT, path))) problems.push(`${doc}:${i + 1}: ${path} does not exist`);
        }
      });
    expect(problems).toEqual([]);
  });
});
