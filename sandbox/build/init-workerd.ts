/**
 * esbuild-wasm inside workerd (server-side rebuild on publish). The Worker bundler (wrangler)
 * turns the .wasm import into a compiled WebAssembly.Module; initialize() runs once per isolate
 * and is memoised. worker: false because workerd has no Web Workers.
 */
import * as esbuild from "esbuild-wasm/esm/browser.js";
import wasm from "esbuild-wasm/esbuild.wasm";
import type { EsbuildApi } from "./types";

let ready: Promise<EsbuildApi> | undefined;

export function initEsbuildWorkerd(): Promise<EsbuildApi> {
  ready ??= esbuild.initialize({ wasmModule: wasm, worker: false }).then(
    (): EsbuildApi => ({ build: esbuild.build }),
    (err: unknown) => {
      ready = undefined;
      throw err;
    },
  );
  return ready;
}
