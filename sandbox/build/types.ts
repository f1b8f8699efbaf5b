import type { build as esbuildBuild } from "esbuild-wasm";
import type { Manifest } from "../../platform/manifest/schema";

export type ProblemCode =
  | "import_not_allowed"
  | "locked_file"
  | "bad_path"
  | "secret"
  | "syntax"
  | "too_large"
  | "missing_file"
  | "unknown_blank";

export interface BuildProblem {
  /** App-relative path ("src/blanks/Home.tsx"), or an output asset path for output-only findings. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  code: ProblemCode;
}

export interface BuiltAsset {
  /** Relative, no leading slash, content-hashed: "assets/app-3F9A1C2B.js". */
  path: string;
  contentType: string;
  body: Uint8Array;
}

export type BuildResult =
  | {
      ok: true;
      assets: BuiltAsset[];
      html: string;
      hash: string;
      bytes: number;
      /**
       * Source maps by asset path, for the studio preview to name blank:line for a runtime error.
       * Never published (publish stores only `assets` and `html`).
       */
      sourceMaps: Record<string, string>;
    }
  | { ok: false; problems: BuildProblem[] };

export interface TemplateSource {
  manifest: Manifest;
  /** Every template file: "index.html", "src/**". Other keys (template.json, README.md) are ignored. */
  files: Record<string, string>;
}

/** The initialised esbuild-wasm module (or native esbuild, for the bench baseline). */
export interface EsbuildApi {
  build: typeof esbuildBuild;
}
