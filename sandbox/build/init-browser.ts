/**
 * esbuild-wasm in the studio's Web Worker (live preview). Call from inside the worker with the
 * URL the studio serves esbuild.wasm at (same origin). worker: false because we already are
 * the worker; initialize() runs once per worker and is memoised.
 */
import * as esbuild from "esbuild-wasm/esm/browser.js";
import type { EsbuildApi } from "./types";

let ready: Promise<EsbuildApi> | undefined;

export function initEsbuildBrowser(wasmURL: string | URL): Promise<EsbuildApi> {
  ready ??= esbuild.initialize({ wasmURL, worker: false }).then(
    (): EsbuildApi => ({ build: esbuild.build }),
    (err: unknown) => {
      ready = undefined;
      throw err;
    },
  );
  return ready;
}
