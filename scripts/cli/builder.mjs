// Loads the platform's own TypeScript builder and manifest schema into Node for `template check`:
// bundled on the fly with esbuild (native when installed, else esbuild-wasm) into a cache file
// keyed by the sources' content, so the CLI needs no build step and never drifts from the server.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function walk(dir, accept, out = []) {
  if (!existsSync(dir)) return out;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name !== "node_modules" && ent.name !== "dist" && !ent.name.startsWith(".")) walk(p, accept, out);
    } else if (accept(ent.name)) out.push(p);
  }
  return out;
}

async function bundler() {
  try {
    return await import("esbuild");
  } catch {
    return await import("esbuild-wasm");
  }
}

let loaded;

/** @returns {Promise<{ build: Function, checkFiles: Function, manifestSchema: any, BASE_IMPORTS: string[], checkSlug: Function }>} */
export function loadBuilder() {
  loaded ??= (async () => {
    const code = (n) => n.endsWith(".ts") && !n.includes(".test.");
    const sources = [
      ...walk(join(ROOT, "sandbox/build"), code),
      ...walk(join(ROOT, "platform/manifest"), code),
      ...walk(join(ROOT, "platform/policy"), code),
      join(ROOT, "platform/apps/slug.ts"),
      join(ROOT, "sandbox/sdk/dts.ts"),
      // This file too: the bundling options below are part of what the cache holds.
      fileURLToPath(import.meta.url),
      join(ROOT, "node_modules/jsonc-parser/package.json"),
    ].sort();
    const hash = createHash("sha256");
    for (const f of sources) hash.update(relative(ROOT, f)).update(readFileSync(f));
    const cacheDir = join(ROOT, "node_modules", ".cache", "sandlot-cli");
    const file = join(cacheDir, `builder-${hash.digest("hex").slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      const esbuild = await bundler();
      const result = await esbuild.build({
        stdin: {
          contents:
            'export { build, checkFiles } from "./sandbox/build/index.ts"; export { manifestSchema, BASE_IMPORTS } from "./platform/manifest/schema.ts"; export { checkSlug } from "./platform/apps/slug.ts"; export { locateJsonPath, locateJsonSyntaxError } from "./platform/manifest/locate.ts"; export { registerDts } from "./sandbox/sdk/dts.ts";',
          resolveDir: ROOT,
          loader: "ts",
        },
        bundle: true,
        platform: "node",
        // jsonc-parser's "main" is UMD with dynamic requires; its "module" build bundles cleanly.
        mainFields: ["module", "main"],
        format: "esm",
        target: "node20",
        write: false,
        logLevel: "silent",
      });
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(file, result.outputFiles[0].text);
    }
    return import(pathToFileURL(file).href);
  })();
  return loaded;
}

let esbuildReady;

/** esbuild-wasm, the same engine the studio and the server build with. */
export function wasmEsbuild() {
  esbuildReady ??= import("esbuild-wasm").then(async (m) => {
    const api = m.default ?? m;
    await api.initialize({});
    return { build: api.build };
  });
  return esbuildReady;
}

/** A locked package as virtual files, exactly what build-vendor hands the Worker. */
function packageSource(dir) {
  const out = {};
  for (const f of walk(
    dir,
    (n) => /\.(ts|tsx|css)$/.test(n) && !/\.test\.tsx?$/.test(n) && !n.endsWith(".d.ts"),
  ).sort()) {
    out[relative(dir, f).split("\\").join("/")] = readFileSync(f, "utf8");
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** @sandlot/sdk as virtual files. */
export function sdkSource() {
  return packageSource(join(ROOT, "sandbox/sdk"));
}

/** @sandlot/kit (the templates' shared locked UI) as virtual files. */
export function kitSource() {
  return packageSource(join(ROOT, "sandbox/kit"));
}

/** The vendor map the server uses, or the same specifiers with placeholder URLs before `npm run prepare`. */
export function vendorMap() {
  const file = join(ROOT, "sandbox/vendor/dist/vendor.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const specs = { react: "react", "react/jsx-runtime": "react-jsx-runtime", "react-dom/client": "react-dom-client" };
  return {
    imports: Object.fromEntries(Object.entries(specs).map(([s, n]) => [s, `/_sandlot/vendor/${n}.js`])),
    files: Object.values(specs).map((n) => ({ path: `${n}.js`, contentType: "text/javascript; charset=utf-8" })),
  };
}
