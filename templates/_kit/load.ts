/**
 * Node helpers for template tests: read a template folder the way scripts/gen-templates.mjs
 * bundles it, validate its manifest with file:line problems, and build it with the real builder.
 * Used by templates/templates.node.test.ts and templates/check-fixtures.node.test.ts.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { buildVendor } from "../../scripts/build-vendor.mjs";
import { manifestSchema, type Manifest } from "../../platform/manifest/schema";
import { locateJsonPath } from "../../platform/manifest/locate";
import { build, type BuildResult, type EsbuildApi } from "../../sandbox/build/index";
import { initEsbuildNode } from "../../sandbox/build/init-node";
import { parseVendorMap, type VendorMap } from "../../sandbox/vendor/index";

export interface TemplateDir {
  dir: string;
  manifestText: string;
  /** index.html and src/** (what the builder and the Worker bundle see). */
  files: Record<string, string>;
}

export interface Problem {
  file: string;
  line: number;
  message: string;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out;
}

export function readTemplateDir(dir: string): TemplateDir {
  const files: Record<string, string> = {};
  for (const file of walk(dir)) {
    const rel = relative(dir, file).split("\\").join("/");
    if (rel === "index.html" || rel.startsWith("src/")) files[rel] = readFileSync(file, "utf8");
  }
  return { dir, manifestText: readFileSync(join(dir, "template.json"), "utf8"), files };
}

/** Template folders under `base` (those with a template.json). */
export function templateDirs(base: string): string[] {
  return readdirSync(base)
    .map((name) => join(base, name))
    .filter((d) => statSync(d).isDirectory() && existsSync(join(d, "template.json")))
    .sort();
}

/** Parse and validate template.json; every problem carries template.json:line. */
export function checkManifest(t: TemplateDir): { manifest: Manifest | null; problems: Problem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(t.manifestText);
  } catch (err) {
    const m = /position (\d+)/.exec(String(err));
    const line = m ? t.manifestText.slice(0, Number(m[1])).split("\n").length : 1;
    return { manifest: null, problems: [{ file: "template.json", line, message: `not valid JSON: ${String(err)}` }] };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      manifest: null,
      problems: parsed.error.issues.map((i) => ({
        file: "template.json",
        line: locateJsonPath(t.manifestText, i.path).line,
        message: `${i.path.join(".") || "(root)"}: ${i.message}`,
      })),
    };
  }
  const manifest = parsed.data;
  const problems: Problem[] = [];
  manifest.blanks.forEach((b, i) => {
    if (!(b.path in t.files)) {
      problems.push({
        file: "template.json",
        line: locateJsonPath(t.manifestText, ["blanks", i, "path"]).line,
        message: `blank ${b.path} does not exist in the template`,
      });
    }
  });
  if (!("src/main.tsx" in t.files))
    problems.push({ file: "src/main.tsx", line: 1, message: "the locked entry src/main.tsx is missing" });
  if (!("index.html" in t.files)) problems.push({ file: "index.html", line: 1, message: "index.html is missing" });
  return { manifest, problems };
}

export interface Toolchain {
  esbuild: EsbuildApi;
  vendor: VendorMap;
  sdkSource: Record<string, string>;
  kitSource: Record<string, string>;
  dispose(): void;
}

/** Real esbuild-wasm, the real React vendor map and the real @sandlot/sdk and @sandlot/kit sources. */
export async function loadToolchain(): Promise<Toolchain> {
  const esbuild = await initEsbuildNode();
  const outDir = mkdtempSync(join(tmpdir(), "sandlot-tpl-vendor-"));
  const built = await buildVendor({ outDir, log: () => undefined });
  const v = parseVendorMap(built.vendor);
  if (!v.ok) throw new Error(v.error);
  const sdkSource = JSON.parse(readFileSync(join(outDir, "sdk-source.json"), "utf8")) as Record<string, string>;
  const kitSource = JSON.parse(readFileSync(join(outDir, "kit-source.json"), "utf8")) as Record<string, string>;
  return {
    esbuild,
    vendor: v.vendor,
    sdkSource,
    kitSource,
    dispose: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

/** Build a template as a fresh app would: the blanks as the template ships them. */
export function buildTemplate(
  tc: Toolchain,
  manifest: Manifest,
  t: TemplateDir,
  blanks?: Record<string, string>,
): Promise<BuildResult> {
  const files =
    blanks ??
    Object.fromEntries(manifest.blanks.filter((b) => b.path in t.files).map((b) => [b.path, t.files[b.path]!]));
  return build({
    template: { manifest, files: t.files },
    files,
    esbuild: tc.esbuild,
    vendor: tc.vendor,
    sdkSource: tc.sdkSource,
    kitSource: tc.kitSource,
  });
}
