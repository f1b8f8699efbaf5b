/**
 * esbuild-wasm in Node (CLI, tests, bench). initialize() is called once per process and memoised.
 * No node: imports needed: esbuild-wasm's Node entry finds its own esbuild.wasm.
 */
import * as esbuild from "esbuild-wasm";
import type { EsbuildApi } from "./types";

let ready: Promise<EsbuildApi> | undefined;

export function initEsbuildNode(): Promise<EsbuildApi> {
  ready ??= esbuild.initialize({}).then(
    (): EsbuildApi => ({ build: esbuild.build }),
    (err: unknown) => {
      ready = undefined;
      throw err;
    },
  );
  return ready;
}
