/**
 * The builder end to end with real esbuild-wasm in Node: a valid app (assets, hashes, the shared
 * vendor files, the real SDK) and the problems it reports (syntax, plain words, runtime lines,
 * size). What it refuses for safety (T01, T02, T44, T45, I9) is build-refusals.node.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildVendor } from "../../scripts/build-vendor.mjs";
import { build, type BuildResult, type EsbuildApi } from "./index";
import { initEsbuildNode } from "./init-node";
import { firstScriptFrame, placeInSource } from "./runtime-error";
import { buildFixture, fixtureTemplate, HOME, homeOf, jsOf, problemsOf, THEME, VALID_HOME } from "./test-fixtures";
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
const run = (files: Record<string, string>, extra: Parameters<typeof buildFixture>[2] = {}): Promise<BuildResult> =>
  buildFixture(esbuild, files, extra);

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
