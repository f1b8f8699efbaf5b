/**
 * The builder Worker (platform/builder/index.ts) as built modules, for the workerd tests, where
 * vitest's auxiliary Workers cannot be bundled by wrangler: native esbuild bundles the entry into
 * .tmp/builder/index.mjs and leaves esbuild.wasm beside it as a compiled-wasm module, which is what
 * wrangler does for `wrangler dev` and `deploy`. Returns the Miniflare worker options.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { root } from "./lib.mjs";

const require = createRequire(import.meta.url);

export async function bundleBuilder() {
  const outdir = join(root, ".tmp", "builder");
  mkdirSync(outdir, { recursive: true });
  copyFileSync(require.resolve("esbuild-wasm/esbuild.wasm"), join(outdir, "esbuild.wasm"));
  await build({
    entryPoints: [join(root, "platform", "builder", "index.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    outfile: join(outdir, "index.mjs"),
    external: ["cloudflare:*", "node:*"],
    logLevel: "warning",
    plugins: [
      {
        name: "wasm-module",
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./esbuild.wasm", external: true }));
        },
      },
    ],
  });
  return {
    name: "sandlot-builder",
    modulesRoot: outdir,
    modules: [
      { type: "ESModule", path: join(outdir, "index.mjs") },
      { type: "CompiledWasm", path: join(outdir, "esbuild.wasm") },
    ],
    compatibilityDate: "2026-11-01",
    compatibilityFlags: ["nodejs_compat"],
  };
}
