#!/usr/bin/env node
/**
 * Build the shared React vendor files: react, react/jsx-runtime and react-dom/client as ESM
 * entry points (splitting: one React instance shared through a common chunk), content-hashed,
 * into sandbox/vendor/dist/ (gitignored, created on demand), plus:
 *   vendor.json  { imports: { specifier: "/_sandlot/vendor/<file>" }, files: [{ path, contentType }] }
 *   files.ts     VENDOR_MAP + VENDOR_FILES (file bodies as strings) + SDK_SOURCE + KIT_SOURCE, for
 *                the Worker to import as an ordinary module (no wrangler rules, no R2 seeding).
 *   sdk-source.json  sandbox/sdk/**.ts(x) as { "index.ts": "...", ... } when sandbox/sdk/index.ts exists.
 *   kit-source.json  sandbox/kit/**.ts(x) and .css, the same way, when sandbox/kit/index.ts exists.
 *
 * Usage: node scripts/build-vendor.mjs [--out <dir>]
 * Runs native esbuild at build time; nothing from the environment reaches the output (NODE_ENV
 * is defined as the literal "production").
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as nativeEsbuild from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_OUT_DIR = join(ROOT, "sandbox/vendor/dist");
export const VENDOR_URL_PREFIX = "/_sandlot/vendor/";

/** entry name → [specifier, CommonJS production file that lists its named exports] */
const ENTRIES = {
  react: ["react", "react/cjs/react.production.js"],
  "react-jsx-runtime": ["react/jsx-runtime", "react/cjs/react-jsx-runtime.production.js"],
  "react-dom-client": ["react-dom/client", "react-dom/cjs/react-dom-client.production.js"],
};

/** Named exports of a CommonJS module, read (not executed) from its `exports.X =` lines. */
function cjsExportNames(file) {
  const src = readFileSync(file, "utf8");
  const names = new Set();
  for (const m of src.matchAll(/\bexports\.([A-Za-z_$][\w$]*)\s*=/g)) if (m[1] !== "default") names.add(m[1]);
  return [...names].sort();
}

/**
 * esbuild turns a CommonJS entry into an ESM file with only a default export; a wrapper with an
 * explicit list makes `import { useState } from "react"` work against the vendor file.
 */
function wrapperSource(specifier, names) {
  return `import M from ${JSON.stringify(specifier)};\nexport default M;\nexport const { ${names.join(", ")} } = M;\n`;
}

/** A locked package's shipped files (no tests, no .d.ts), keyed relative to its folder. */
export function readPackageSource(dir) {
  if (!existsSync(join(dir, "index.ts")) && !existsSync(join(dir, "index.tsx"))) return undefined;
  const out = {};
  const walk = (dir) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) {
        if (ent.name !== "node_modules" && !ent.name.startsWith(".")) walk(p);
      } else if (/\.(ts|tsx|css)$/.test(ent.name) && !/\.test\.tsx?$/.test(ent.name) && !ent.name.endsWith(".d.ts")) {
        out[relative(dir, p).split("\\").join("/")] = readFileSync(p, "utf8");
      }
    }
  };
  walk(dir);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * @param {{ outDir?: string, esbuild?: typeof nativeEsbuild, sdkDir?: string | null, kitDir?: string | null, log?: (s: string) => void }} [opts]
 * @returns {Promise<{ outDir: string, vendor: { imports: Record<string,string>, files: {path:string, contentType:string}[] }, bytes: number, sdkFiles: number, kitFiles: number }>}
 */
export async function buildVendor(opts = {}) {
  const outDir = resolve(opts.outDir ?? DEFAULT_OUT_DIR);
  const esbuild = opts.esbuild ?? nativeEsbuild;
  const log = opts.log ?? (() => {});
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) {
    // Drop only what this script writes (stale hashed files), never anything else in outDir.
    if (
      /^(?:chunk|[a-z-]+)-[A-Z0-9]{8}\.js$/.test(f) ||
      ["vendor.json", "files.ts", "sdk-source.json", "kit-source.json"].includes(f)
    )
      rmSync(join(outDir, f));
  }

  const nodeModules = join(ROOT, "node_modules");
  const wrappers = {};
  for (const [name, [spec, cjsFile]] of Object.entries(ENTRIES)) {
    wrappers[name] = wrapperSource(spec, cjsExportNames(join(nodeModules, cjsFile)));
  }

  const result = await esbuild.build({
    entryPoints: Object.keys(ENTRIES).map((name) => ({ in: `vendor-entry:${name}`, out: name })),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    outdir: outDir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    define: { "process.env.NODE_ENV": '"production"' },
    legalComments: "eof",
    absWorkingDir: ROOT,
    metafile: true,
    write: true,
    logLevel: "silent",
    plugins: [
      {
        name: "vendor-entries",
        setup(b) {
          b.onResolve({ filter: /^vendor-entry:/ }, (a) => ({
            path: a.path.slice("vendor-entry:".length),
            namespace: "vendor-entry",
          }));
          b.onLoad({ filter: /.*/, namespace: "vendor-entry" }, (a) => ({
            contents: wrappers[a.path],
            loader: "js",
            resolveDir: ROOT,
          }));
        },
      },
    ],
  });

  const imports = {};
  const files = [];
  let bytes = 0;
  for (const [outPath, meta] of Object.entries(result.metafile.outputs)) {
    const file = relative(outDir, resolve(ROOT, outPath)).split("\\").join("/");
    files.push({ path: file, contentType: "text/javascript; charset=utf-8" });
    bytes += meta.bytes;
    const entry = meta.entryPoint?.startsWith("vendor-entry:")
      ? meta.entryPoint.slice("vendor-entry:".length)
      : undefined;
    if (entry) imports[ENTRIES[entry][0]] = VENDOR_URL_PREFIX + file;
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const vendor = { imports: Object.fromEntries(Object.entries(imports).sort()), files };
  writeFileSync(join(outDir, "vendor.json"), `${JSON.stringify(vendor, null, 2)}\n`);

  const sdkDir = opts.sdkDir === null ? undefined : resolve(opts.sdkDir ?? join(ROOT, "sandbox/sdk"));
  const sdk = sdkDir ? readPackageSource(sdkDir) : undefined;
  if (sdk) writeFileSync(join(outDir, "sdk-source.json"), `${JSON.stringify(sdk, null, 2)}\n`);
  const kitDir = opts.kitDir === null ? undefined : resolve(opts.kitDir ?? join(ROOT, "sandbox/kit"));
  const kit = kitDir ? readPackageSource(kitDir) : undefined;
  if (kit) writeFileSync(join(outDir, "kit-source.json"), `${JSON.stringify(kit, null, 2)}\n`);

  const bodies = Object.fromEntries(
    files.map((f) => [f.path, { contentType: f.contentType, body: readFileSync(join(outDir, f.path), "utf8") }]),
  );
  writeFileSync(
    join(outDir, "files.ts"),
    [
      "// Generated by scripts/build-vendor.mjs. Do not edit.",
      'import type { VendorMap } from "../index";',
      `export const VENDOR_MAP: VendorMap = ${JSON.stringify(vendor)};`,
      "/** File name (served at /_sandlot/vendor/<name>) → body. Content-hashed: cache immutable. */",
      `export const VENDOR_FILES: Record<string, { contentType: string; body: string }> = ${JSON.stringify(bodies)};`,
      "/** @sandlot/sdk sources for build({ sdkSource }), or undefined when sandbox/sdk/index.ts was absent. */",
      `export const SDK_SOURCE: Record<string, string> | undefined = ${sdk ? JSON.stringify(sdk) : "undefined"};`,
      "/** @sandlot/kit sources for build({ kitSource }), or undefined when sandbox/kit/index.ts was absent. */",
      `export const KIT_SOURCE: Record<string, string> | undefined = ${kit ? JSON.stringify(kit) : "undefined"};`,
      "",
    ].join("\n"),
  );
  log(`vendor: ${files.length} files, ${(bytes / 1024).toFixed(1)} KiB -> ${relative(ROOT, outDir) || outDir}`);
  if (sdk) log(`sdk source: ${Object.keys(sdk).length} files`);
  if (kit) log(`kit source: ${Object.keys(kit).length} files`);
  return {
    outDir,
    vendor,
    bytes,
    sdkFiles: sdk ? Object.keys(sdk).length : 0,
    kitFiles: kit ? Object.keys(kit).length : 0,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const i = process.argv.indexOf("--out");
  const outDir = i > 0 ? process.argv[i + 1] : undefined;
  buildVendor({ outDir, log: (s) => console.log(s) }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
