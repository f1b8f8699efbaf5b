import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildVendor, type BuildVendorResult } from "./build-vendor.mjs";
import { parseVendorMap } from "../sandbox/vendor/index";

let out: string;
let result: BuildVendorResult;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "sandlot-vendor-test-"));
  result = await buildVendor({ outDir: out, sdkDir: null });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

type Mod = Record<string, unknown>;
const load = (url: string): Promise<Mod> =>
  import(pathToFileURL(join(out, url.replace("/_sandlot/vendor/", ""))).href) as Promise<Mod>;

describe("scripts/build-vendor.mjs", () => {
  it("writes content-hashed ESM files and a vendor.json the builder accepts", () => {
    const json = JSON.parse(readFileSync(join(out, "vendor.json"), "utf8")) as unknown;
    const parsed = parseVendorMap(json);
    expect(parsed.ok, parsed.ok ? "" : parsed.error).toBe(true);
    if (!parsed.ok) return;
    expect(Object.keys(parsed.vendor.imports).sort()).toEqual(["react", "react-dom/client", "react/jsx-runtime"]);
    for (const url of Object.values(parsed.vendor.imports))
      expect(url).toMatch(/^\/_sandlot\/vendor\/[a-z-]+-[A-Z0-9]{8}\.js$/);
    const onDisk = readdirSync(out)
      .filter((f) => f.endsWith(".js"))
      .sort();
    expect(parsed.vendor.files.map((f) => f.path)).toEqual(onDisk);
    expect(result.bytes).toBeGreaterThan(100_000);
  });

  it("vendor files export React's named exports (not just a CommonJS default)", async () => {
    const react = await load(result.vendor.imports.react!);
    const jsx = await load(result.vendor.imports["react/jsx-runtime"]!);
    const dom = await load(result.vendor.imports["react-dom/client"]!);
    for (const name of ["useState", "useEffect", "useSyncExternalStore", "createElement", "Fragment"])
      expect(typeof react[name], name).not.toBe("undefined");
    expect(typeof jsx.jsx).toBe("function");
    expect(typeof dom.createRoot).toBe("function");
    const el = (jsx.jsx as (t: string, p: object) => { type: string; $$typeof: symbol })("p", {});
    expect(el.type).toBe("p");
    expect((react.isValidElement as (x: unknown) => boolean)(el)).toBe(true); // one React, shared through a chunk
    expect(react.default).toBeDefined();
  });

  it("is production React: no development build, no host environment inlined", () => {
    const all = readdirSync(out)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(out, f), "utf8"))
      .join("\n");
    expect(all).not.toContain("react.development");
    expect(all).not.toContain("process.env");
  });

  it("same input gives the same names (cache-stable across deploys)", async () => {
    const again = mkdtempSync(join(tmpdir(), "sandlot-vendor-test-"));
    try {
      const r2 = await buildVendor({ outDir: again, sdkDir: null });
      expect(r2.vendor).toEqual(result.vendor);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it("files.ts carries the map and every body for the Worker to serve", () => {
    const ts = readFileSync(join(out, "files.ts"), "utf8");
    expect(ts).toContain("export const VENDOR_MAP");
    expect(ts).toContain("export const VENDOR_FILES");
    for (const f of result.vendor.files) expect(ts).toContain(JSON.stringify(f.path));
  });

  it("snapshots @sandlot/kit (TSX and base.css, never its tests) into kit-source.json and files.ts", () => {
    const kit = JSON.parse(readFileSync(join(out, "kit-source.json"), "utf8")) as Record<string, string>;
    expect(result.kitFiles).toBe(Object.keys(kit).length);
    expect(Object.keys(kit)).toEqual(expect.arrayContaining(["index.ts", "base.css", "AuthScreen.tsx", "router.tsx"]));
    expect(Object.keys(kit).filter((f) => f.includes(".test."))).toEqual([]);
    expect(kit["base.css"]).toContain(".auth {");
    expect(readFileSync(join(out, "files.ts"), "utf8")).toContain(
      "export const KIT_SOURCE: Record<string, string> | undefined = {",
    );
  });
});
