/**
 * What the builder refuses, with real esbuild-wasm in Node: imports outside the allowlist (T45),
 * paths outside the virtual file system (T44), edits to locked files (I9), secrets in sources or
 * output (T01) and the host's environment (T02).
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { BuildOptions } from "esbuild-wasm";
import { build, PUBLIC_DEFINES, type BuildResult, type EsbuildApi } from "./index";
import { initEsbuildNode } from "./init-node";
import {
  buildFixture,
  fakeVendor,
  fixtureSdk,
  fixtureTemplate,
  HOME,
  homeOf,
  jsOf,
  problemsOf,
  THEME,
  VALID_HOME,
} from "./test-fixtures";

let esbuild: EsbuildApi;
beforeAll(async () => {
  esbuild = await initEsbuildNode();
});

const run = (files: Record<string, string>, extra: Parameters<typeof buildFixture>[2] = {}): Promise<BuildResult> =>
  buildFixture(esbuild, files, extra);

describe("T45 import allowlist", () => {
  it("refuses packages, URLs, node: and data: imports, each with file and line, all in one build", async () => {
    const r = await run(
      homeOf(
        "// a comment line",
        'import _ from "lodash";',
        'import x from "https://evil.example/x.js";',
        'import fs from "node:fs";',
        'import y from "data:text/javascript,export default 1";',
        'const z = await import("http://evil.example/y.js");',
        "export default function Home() { return <p>{String([_, x, fs, y, z])}</p>; }",
      ),
    );
    expect(r.ok).toBe(false);
    const p = problemsOf(r).map((x) => [x.file, x.line, x.code]);
    expect(p).toEqual([
      [HOME, 2, "import_not_allowed"],
      [HOME, 3, "import_not_allowed"],
      [HOME, 4, "import_not_allowed"],
      [HOME, 5, "import_not_allowed"],
      [HOME, 6, "import_not_allowed"],
    ]);
    const messages = problemsOf(r)
      .map((x) => x.message)
      .join("\n");
    expect(messages).toContain('"lodash"');
    expect(messages).toContain("https://evil.example/x.js");
    expect(messages).toContain("node:fs");
  });

  it("react-dom (not react-dom/client) and subpaths are not implied by the allowlist", async () => {
    const r = await run(
      homeOf('import { flushSync } from "react-dom";', "export default () => { flushSync(() => {}); return null; };"),
    );
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: HOME, line: 1, code: "import_not_allowed" })]);
  });

  it("a package the manifest allows but the builder has no copy of fails instead of becoming external", async () => {
    const template = { ...fixtureTemplate, manifest: { ...fixtureTemplate.manifest, imports: ["left-pad"] } };
    const r = await build({
      template,
      files: homeOf('import pad from "left-pad";', "export default () => pad;"),
      esbuild,
      vendor: fakeVendor,
      sdkSource: fixtureSdk,
    });
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: HOME, line: 1, code: "missing_file" })]);
  });

  it("@sandlot/sdk without SDK sources is a clear missing_file, not a disk lookup", async () => {
    const r = await run(VALID_HOME, { sdk: false });
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: "src/App.tsx", line: 1, code: "missing_file" })]);
  });
});

describe("T44 virtual file system", () => {
  it("refuses ../, absolute, encoded, backslash and NUL file paths", async () => {
    const files = {
      "../outside.tsx": "x",
      "src/../../etc/passwd": "x",
      "src/%2e%2e/x.tsx": "x",
      "src/blanks%2fHome.tsx": "x",
      "/src/blanks/Home.tsx": "x",
      "src\\blanks\\Home.tsx": "x",
      "src/blanks/Home.tsx\0.txt": "x",
    };
    const r = await run(files);
    expect(r.ok).toBe(false);
    const problems = problemsOf(r);
    expect(problems).toHaveLength(7);
    expect(problems.every((p) => p.code === "bad_path" && p.line === 1)).toBe(true);
  });

  it("refuses imports that climb out of src/ or are absolute, with file and line", async () => {
    const r = await run(
      homeOf(
        'import a from "../../../../etc/passwd";',
        'import b from "../../index.html";',
        'import c from "/etc/passwd";',
        'import d from "./%2e%2e/%2e%2e/x";',
        'import e from "./nope";',
        "export default () => [a, b, c, d, e];",
      ),
    );
    expect(problemsOf(r).map((p) => [p.file, p.line, p.code])).toEqual([
      [HOME, 1, "bad_path"],
      [HOME, 2, "bad_path"],
      [HOME, 3, "bad_path"],
      [HOME, 4, "bad_path"],
      [HOME, 5, "missing_file"],
    ]);
  });

  it("never reads the real disk: a path that exists on disk but not in the VFS is missing", async () => {
    // sandbox/build/index.ts exists on this machine's disk, relative to an imagined src/ in the repo.
    const r = await run(homeOf('import x from "../../sandbox/build/index";', "export default () => x;"));
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: HOME, line: 1 })]);
    expect(problemsOf(r)[0]!.code).toMatch(/bad_path|missing_file/);
  });
});

describe("I9 locked files", () => {
  it("a locked-file edit fails naming the file and line; the rest is still checked", async () => {
    const locked = fixtureTemplate.files["src/App.tsx"]!.replace("useUser();", "null; // no auth");
    const r = await run({ "src/App.tsx": locked, ...homeOf('import _ from "lodash";', "export default () => _;") });
    expect(problemsOf(r).map((p) => [p.file, p.line, p.code])).toEqual([
      ["src/App.tsx", 6, "locked_file"],
      [HOME, 1, "import_not_allowed"],
    ]);
    expect(problemsOf(r)[0]!.message).toContain("src/App.tsx");
  });

  it("adding a file that is not a blank fails", async () => {
    const r = await run({ "src/evil.tsx": "export const x = 1;\n" });
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: "src/evil.tsx", code: "unknown_blank" })]);
  });

  it("the template's index.html cannot be replaced", async () => {
    const r = await run({ "index.html": "<script>alert(1)</script>" });
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: "index.html", code: "locked_file" })]);
  });
});

describe("T01 secrets", () => {
  const key = ["sk", "live", "A1b2C3d4E5f6G7h8I9"].join("_");

  it("a credential-shaped string in a blank fails with file and line", async () => {
    const r = await run(
      homeOf("export default function Home() {", `  const k = "${key}";`, "  return <p>{k}</p>;", "}"),
    );
    const problems = problemsOf(r);
    expect(problems).toEqual([expect.objectContaining({ file: HOME, line: 2, code: "secret" })]);
    expect(JSON.stringify(problems)).not.toContain(key);
  });

  it("a secret assembled at build time is caught in the output and mapped back to its source line", async () => {
    // Split in the source (the source scan cannot see it); esbuild folds it into one string.
    const r = await run(
      homeOf(
        "export default function Home() {",
        "  const a = 1;",
        '  return <p>{"sk_" + "live_" + "A1b2C3d4E5f6G7h8I9"}</p>;',
        "}",
      ),
    );
    const problems = problemsOf(r);
    expect(problems).toEqual([expect.objectContaining({ file: HOME, line: 3, code: "secret" })]);
    expect(problems[0]!.message).toContain("built app");
  });

  it("a CSS blank is scanned too", async () => {
    const r = await run({ [THEME]: `body {}\n/* ${key} */\n` });
    expect(problemsOf(r)).toEqual([expect.objectContaining({ file: THEME, line: 2, code: "secret" })]);
  });
});

describe("T02 no env leakage", () => {
  it("process.env / import.meta.env never inline the host environment", async () => {
    const name = "SANDLOT_CANARY_T02";
    const canary = `canary-${crypto.randomUUID()}`;
    process.env[name] = canary;
    process.env[`VITE_${name}`] = canary;
    const seen: BuildOptions[] = [];
    const spy: EsbuildApi = {
      build: ((o: BuildOptions) => {
        seen.push(o);
        return esbuild.build(o);
      }) as EsbuildApi["build"],
    };
    try {
      // A fresh copy of the builder, loaded after the canary is set, so env read at import time counts too.
      vi.resetModules();
      const fresh = (await import("./index")) as typeof import("./index");
      const r = await fresh.build({
        template: fixtureTemplate,
        files: homeOf(
          "export default function Home() {",
          `  return <p>{process.env.${name}}{process.env.VITE_${name}}{import.meta.env.${name}}{import.meta.env.VITE_${name}}{process.env.NODE_ENV}</p>;`,
          "}",
        ),
        esbuild: spy,
        vendor: fakeVendor,
        sdkSource: fixtureSdk,
      });
      const js = jsOf(r);
      expect(js).not.toContain(canary);
      expect(js).toContain('"production"');
      if (r.ok) expect(r.html).not.toContain(canary);
      expect(seen).toHaveLength(1);
      // Exactly the allow-listed public values, spelled out here rather than read from the module.
      expect(seen[0]!.define).toEqual({
        "process.env.NODE_ENV": '"production"',
        "process.env": "{}",
        "import.meta.env.MODE": '"production"',
        "import.meta.env.PROD": "true",
        "import.meta.env.DEV": "false",
        "import.meta.env": "{}",
      });
      expect(fresh.PUBLIC_DEFINES).toEqual(PUBLIC_DEFINES);
      expect(JSON.stringify(seen[0], (_k, v: unknown) => (typeof v === "function" ? "[fn]" : v))).not.toContain(canary);
    } finally {
      delete process.env[name];
      delete process.env[`VITE_${name}`];
    }
  });
});
