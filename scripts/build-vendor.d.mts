import type * as esbuild from "esbuild";

export const DEFAULT_OUT_DIR: string;
export const VENDOR_URL_PREFIX: string;
export interface BuildVendorOptions {
  outDir?: string;
  esbuild?: typeof esbuild;
  /** Folder holding @sandlot/sdk sources; null to skip. Default sandbox/sdk. */
  sdkDir?: string | null;
  /** Folder holding @sandlot/kit sources; null to skip. Default sandbox/kit. */
  kitDir?: string | null;
  log?: (line: string) => void;
}
export interface BuildVendorResult {
  outDir: string;
  vendor: { imports: Record<string, string>; files: { path: string; contentType: string }[] };
  bytes: number;
  sdkFiles: number;
  kitFiles: number;
}
/** A locked package's shipped .ts/.tsx/.css files (no tests, no .d.ts) keyed relative to dir; undefined without index.ts(x). */
export function readPackageSource(dir: string): Record<string, string> | undefined;
export function buildVendor(opts?: BuildVendorOptions): Promise<BuildVendorResult>;
