/**
 * The builder end to end with real esbuild-wasm in Node. Threat ids: T01 secrets, T02 env,
 * T44 paths, T45 imports; I9 locked files.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BuildOptions } from "esbuild-wasm";
import { buildVendor } from "../../scripts/build-vendor.mjs";
import { build, PUBLIC_DEFINES, type BuildResult, type EsbuildApi } from "./index";
import { initEsbuildNode } from "./init-node";
import { firstScriptFrame, placeInSource } from "./runtime-error";
import { HOME, THEME, fakeVendor, fixtureSdk, fixtureTemplate, homeOf } from "./test-fixtures";
import { parseVendorMap, type VendorMap } from "../vendor/index";

let esbuild: EsbuildApi;
let realVendor: VendorMap;
let vendorDir: string;
let realSdk: Record<string, string> | undefined;

beforeAll(async () => {
  esbuild = await initEsbuildNode();
  vendorDir = mkdtempSync(join(tmpdir(), "sandlot-vendor-"));
  const built = await buildVendor({ outDir: vendorDir }); // also snapshots sandbox/sdk into sdk-source.json
  const v = parseVendorMap(built.vendor);
  if (!v.ok) throw new Error(v.error);
  realVendor = v.vendor;
  if (built.sdkFiles > 0)
    realSdk = JSON.parse(readFileSync(join(vendorDir, "sdk-source.json"), "utf8")) as Record<string, string>;
});
afterAll(() => rmSync(vendorDir, { recursive: true, force: true }));

const decoder = new TextDecoder();
const run = (
  files: Record<string, string>,
  extra: { maxBytes?: number; sdk?: boolean; vendor?: VendorMap } = {},
): Promise<BuildResult> =>
  build({
    template: fixtureTemplate,
    files,
    esbuild,
    vendor: extra.vendor ?? fakeVendor,
    ...(extra.sdk === false ? {} : { sdkSource: fixtureSdk }),
    ...(extra.maxBytes !== undefined ? { maxBytes: extra.maxBytes } : {}),
  });
const problemsOf = (r: BuildResult) => (r.ok ? [] : r.problems);
const jsOf = (r: BuildResult): string => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.assets
    .filter((a) => a.path.endsWith(".js"))
    .map((a) => decoder.decode(a.body))
    .join("\n");
};

const VALID_HOME = homeOf(
  'import { useState } from "react";',
  'import { Card } from "../components/Card";',
  "export default function Home() {",
  "  const [n, setN] = useState(0);",
  "  return <Card><button onClick={() => setN(n + 1)}>clicked {n}</button></Card>;",
  "}",
);

describe("a valid app", () => {
  it("builds to content-hashed assets and an index.html that references them", async () => {
    const r = await run({ ...VALID_HOME, [THEME]: "body { color: rebeccapurple; }\n" });
    expect(r.ok, JSON.stringify(problemsOf(r))).toBe(true);
    if (!r.ok) return;
    const paths = r.assets.map((a) => a.path);
    expect(paths).toEqual([
      expect.stringMatching(/^assets\/app-[A-Z0-9]{8}\.css$/),
      expect.stringMatching(/^assets\/app-[A-Z0-9]{8}\.js$/),
    ]);
    for (const p of paths) expect(r.html).toContain(`"/${p}"`);
    expect(r.html).toMatch(/<script type="module" src="\/assets\/app-[A-Z0-9]{8}\.js"><\/script>/);
    expect(r.html).not.toContain("/src/main.tsx"); // the dev entry tag is replaced
    expect(r.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script (CSP script-src 'self')
    expect(decoder.decode(r.assets[0]!.body)).toContain("color:#639");
    expect(r.assets[1]!.contentType).toBe("text/javascript; charset=utf-8");
    expect(r.bytes).toBe(r.assets.reduce((n, a) => n + a.body.length, new TextEncoder().encode(r.html).length));
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("output names and hash are stable across two builds, and change when a blank changes", async () => {
    const a = await run(VALID_HOME);
    const b = await run(VALID_HOME);
    const c = await run(homeOf("export default function Home() {", "  return <p>changed</p>;", "}"));
    if (!a.ok || !b.ok || !c.ok) throw new Error("expected three successful builds");
    expect(b.assets.map((x) => x.path)).toEqual(a.assets.map((x) => x.path));
    expect(b.hash).toBe(a.hash);
    expect(b.html).toBe(a.html);
    expect(c.assets.find((x) => x.path.endsWith(".js"))!.path).not.toBe(
      a.assets.find((x) => x.path.endsWith(".js"))!.path,
    );
    expect(c.hash).not.toBe(a.hash);
  });

  it("React is not inside the app bundle: imports point at the shared vendor files", async () => {
    const r = await run(VALID_HOME, { vendor: realVendor });
    const js = jsOf(r);
    // Markers of React's own source.
    expect(js).not.toContain("react.transitional.element");
    expect(js).not.toContain("__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE");
    expect(js).not.toContain("createRoot(){");
    for (const spec of ["react", "react/jsx-runtime", "react-dom/client"])
      expect(js).toContain(`"${realVendor.imports[spec]}"`);
    const imported = [...js.matchAll(/from"([^"]+)"/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(0);
    for (const url of imported) expect(url).toMatch(/^\/_sandlot\/vendor\/[A-Za-z0-9-]+\.js$/);
    if (r.ok)
      for (const url of Object.values(realVendor.imports))
        expect(r.html).toContain(`<link rel="modulepreload" href="${url}">`);
    expect(r.ok && r.bytes).toBeLessThan(10_000); // the app alone; React is ~220 KB
  });

  it("builds against the real @sandlot/sdk (sandbox/sdk) and React vendor", async () => {
    expect(realSdk, "sandbox/sdk/index.ts should exist").toBeDefined();
    const r = await build({
      template: fixtureTemplate,
      files: VALID_HOME,
      esbuild,
      vendor: realVendor,
      sdkSource: realSdk!,
    });
    const js = jsOf(r);
    expect(js).not.toContain("@sandlot/sdk");
    expect(js).toContain("/_api/"); // the SDK's HTTP transport is inside the app bundle
    expect(js).not.toContain("react.transitional.element");
  });

  it("@sandlot/sdk is bundled into the app from the provided sources", async () => {
    const js = jsOf(await run(VALID_HOME));
    expect(js).not.toContain("@sandlot/sdk");
    expect(js).toContain("useState");
  });
});

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

describe("other problems", () => {
  it("syntax errors become problems with file, line and column, collected with the rest", async () => {
    const r = await run({
      ...homeOf("export default function Home() {", "  const x = ;", "  return <p>{x}</p>;", "}"),
      "src/blanks/Nope.tsx": "x",
    });
    expect(problemsOf(r)).toEqual([
      expect.objectContaining({ file: HOME, line: 2, column: 13, code: "syntax" }),
      expect.objectContaining({ file: "src/blanks/Nope.tsx", code: "unknown_blank" }),
    ]);
  });

  it("a deleted </h1> leads with the line the <h1> opens on, in plain words", async () => {
    const r = await run(
      homeOf(
        "export default function Home() {",
        "  return (",
        "    <section>",
        "      <h1>Welcome",
        "      <p>Hello</p>",
        "    </section>",
        "  );",
        "}",
      ),
    );
    // One problem, not one per later tag: the rest were echoes of this one.
    expect(problemsOf(r)).toHaveLength(1);
    const first = problemsOf(r)[0];
    expect(first).toMatchObject({ file: HOME, line: 4, code: "syntax" });
    expect(first?.message).toBe(
      "The <h1> that opens on line 4 is never closed: add </h1> before the </section> on line 6.",
    );
  });

  it("a runtime error's line and column in the built script map back to blank:line", async () => {
    const r = await run(
      homeOf(
        "export default function Home() {",
        "  const items: string[] = [];",
        '  if (items.length === 0) throw new Error("runtime-boom");',
        "  return <p>{items.join()}</p>;",
        "}",
      ),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const asset = r.assets.find((a) => a.path.endsWith(".js") && decoder.decode(a.body).includes("runtime-boom"));
    expect(asset).toBeDefined();
    const js = decoder.decode(asset!.body);
    const before = js.slice(0, js.indexOf("throw new Error") + 1).split("\n");
    const line = before.length;
    const column = (before.at(-1) ?? "").length;
    const stack = `Error: runtime-boom\n    at Home (blob:http://localhost/abc-123:${line}:${column})`;
    const frame = firstScriptFrame(stack);
    expect(frame).toEqual({ line, column });
    const map = r.sourceMaps[asset!.path];
    expect(map).toBeDefined();
    expect(placeInSource([{ startLine: 1, map: map! }], frame!.line, frame!.column)).toMatchObject({
      file: HOME,
      line: 3,
    });
    // The map is never among the published assets.
    expect(r.assets.some((a) => a.path.endsWith(".map"))).toBe(false);
  });

  it("output above maxBytes is too_large", async () => {
    const r = await run(VALID_HOME, { maxBytes: 500 });
    expect(problemsOf(r)).toEqual([expect.objectContaining({ code: "too_large" })]);
    const ok = await run(VALID_HOME, { maxBytes: 100_000 });
    expect(ok.ok).toBe(true);
  });
});
