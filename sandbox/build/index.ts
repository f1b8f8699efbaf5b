/**
 * The Sandlot builder: one module for the studio's Web Worker (live preview), Node (CLI, tests,
 * bench) and workerd (every publish is rebuilt on the server from saved sources).
 * Runtime-neutral: no node: imports. The caller passes an initialised esbuild (see init-*.ts).
 *
 * Checks, all collected (never stop at the first): T44 VFS paths, T45 import allowlist,
 * I9 locked files, T01 secrets in sources and output, T02 no env leakage, size cap, syntax.
 */
import type { BuildFailure, BuildOptions, Message, OutputFile } from "esbuild-wasm";
import { BASE_IMPORTS } from "../../platform/manifest/schema";
import type { VendorMap } from "../vendor/index";
import type { BuildProblem, BuildResult, BuiltAsset, EsbuildApi, ProblemCode, TemplateSource } from "./types";
import { checkFilesDetailed, sortProblems } from "./check";
import { checkFilePath } from "./paths";
import { scanSecrets, secretMessage } from "./secrets";
import { dropEchoes, plainProblem } from "./plain-words";
import { originalPositionFor } from "./sourcemap";
import { renderHtml } from "./html";
import { displayPath, vfsPlugin } from "./vfs-plugin";

export type { BuildProblem, BuildResult, BuiltAsset, EsbuildApi, ProblemCode, TemplateSource } from "./types";
export type { VendorMap } from "../vendor/index";
export { checkFiles, type CheckFilesInput } from "./check";
export { checkFilePath } from "./paths";
export { scanSecrets, SECRET_PATTERNS } from "./secrets";

export const ENTRY_POINT = "src/main.tsx";
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The only values ever inlined (T02). A literal, never derived from any process environment:
 * process.env.X and import.meta.env.X become properties of an empty object (undefined).
 */
export const PUBLIC_DEFINES: Readonly<Record<string, string>> = Object.freeze({
  "process.env.NODE_ENV": '"production"',
  "process.env": "{}",
  "import.meta.env.MODE": '"production"',
  "import.meta.env.PROD": "true",
  "import.meta.env.DEV": "false",
  "import.meta.env": "{}",
});

export interface BuildInput {
  template: TemplateSource;
  /** The app's files: normally only blanks; any non-blank path present must equal the template's. */
  files: Record<string, string>;
  esbuild: EsbuildApi;
  vendor: VendorMap;
  /** Total output cap (assets + html) in bytes. Default 2 MiB. */
  maxBytes?: number;
  /** @sandlot/sdk as virtual files keyed relative to sandbox/sdk ("index.ts", …). Bundled into the app. */
  sdkSource?: Record<string, string>;
  /** @sandlot/kit (the templates' shared locked UI) keyed relative to sandbox/kit. Bundled into the app. */
  kitSource?: Record<string, string>;
}

const encoder = new TextEncoder();

function contentTypeFor(path: string): string {
  if (path.endsWith(".js")) return "text/javascript; charset=utf-8";
  if (path.endsWith(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

const PROBLEM_CODES = new Set<ProblemCode>([
  "import_not_allowed",
  "locked_file",
  "bad_path",
  "secret",
  "syntax",
  "too_large",
  "missing_file",
  "unknown_blank",
]);

function messageToProblem(m: Message): BuildProblem {
  const detail = m.detail as { code?: unknown } | undefined;
  const code = detail && PROBLEM_CODES.has(detail.code as ProblemCode) ? (detail.code as ProblemCode) : "syntax";
  const loc = m.location;
  const file = loc ? displayPath(loc.file) : ENTRY_POINT;
  const line = loc ? Math.max(1, loc.line) : 1;
  const plain = code === "syntax" ? plainProblem(m.text, line, m.notes ?? []) : null;
  if (plain) return { file, line: plain.line, column: plain.column, message: plain.message, code };
  return { file, line, column: loc ? loc.column + 1 : 1, message: m.text, code };
}

function isBuildFailure(err: unknown): err is BuildFailure {
  return typeof err === "object" && err !== null && Array.isArray((err as { errors?: unknown }).errors);
}

async function sha256Hex(parts: Uint8Array[]): Promise<string> {
  let total = 0;
  for (const p of parts) total += p.length;
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A locked package's files as a VFS, under the same path rules as the app's, rooted at the package. */
function packageFiles(source: Record<string, string> | undefined): Map<string, string> | undefined {
  if (!source) return undefined;
  const files = new Map<string, string>();
  for (const [path, content] of Object.entries(source)) {
    if (checkFilePath(`src/${path}`).ok && typeof content === "string") files.set(path, content);
  }
  return files;
}

/** Build an app: checks, bundle, output scan, html. Expected failures come back as problems. */
export async function build(input: BuildInput): Promise<BuildResult> {
  const { template, esbuild, vendor } = input;
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
  const checked = checkFilesDetailed({ template, files: input.files });
  const problems: BuildProblem[] = [...checked.problems];

  // The VFS: the template's index.html and src/**, overlaid with the app's accepted blanks.
  const app = new Map<string, string>();
  for (const [path, content] of Object.entries(template.files)) {
    if (typeof content === "string" && checkFilePath(path).ok) app.set(path, content);
  }
  for (const [path, content] of checked.accepted) app.set(path, content);

  const sdk = packageFiles(input.sdkSource);
  const kit = packageFiles(input.kitSource);

  const allowed = new Set<string>([...BASE_IMPORTS, ...template.manifest.imports]);
  if (allowed.has("react")) allowed.add("react/jsx-runtime");
  const usedVendorUrls = new Set<string>();

  const options: BuildOptions = {
    entryPoints: [{ in: ENTRY_POINT, out: "app" }],
    bundle: true,
    write: false,
    absWorkingDir: "/",
    outdir: "/",
    entryNames: "assets/[name]-[hash]",
    chunkNames: "assets/chunk-[hash]",
    assetNames: "assets/[name]-[hash]",
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    jsx: "automatic",
    sourcemap: "external", // read here to map output findings back; never published
    sourcesContent: false,
    legalComments: "none",
    define: { ...PUBLIC_DEFINES },
    // Never let esbuild look for a tsconfig.json or package.json on a real disk.
    tsconfigRaw: { compilerOptions: { jsx: "react-jsx", useDefineForClassFields: true, verbatimModuleSyntax: false } },
    logLevel: "silent",
    plugins: [vfsPlugin({ app, sdk, kit, allowed, vendor, usedVendorUrls })],
  };

  let outputFiles: OutputFile[];
  try {
    const result = await esbuild.build(options);
    outputFiles = result.outputFiles ?? [];
  } catch (err) {
    if (!isBuildFailure(err)) throw err;
    for (const m of err.errors) problems.push(messageToProblem(m));
    return { ok: false, problems: sortProblems(dropEchoes(problems)) };
  }

  const maps = new Map<string, string>();
  const assets: BuiltAsset[] = [];
  for (const f of outputFiles) {
    const rel = f.path.replace(/^\/+/, "");
    if (rel.endsWith(".map")) maps.set(rel.slice(0, -4), f.text);
    else assets.push({ path: rel, contentType: contentTypeFor(rel), body: f.contents });
  }
  assets.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // T01 on the output: catches secrets assembled at build time (constant folding, escapes).
  const sourceSecretLines = new Set(problems.filter((p) => p.code === "secret").map((p) => `${p.file}\0${p.line}`));
  for (const asset of assets) {
    const text = new TextDecoder().decode(asset.body);
    for (const hit of scanSecrets(text)) {
      const map = maps.get(asset.path);
      const orig = map ? originalPositionFor(map, hit.line, hit.column) : undefined;
      const file = orig ? displayPath(orig.source) : asset.path;
      const line = orig ? orig.line : hit.line;
      const column = orig ? orig.column : hit.column;
      if (sourceSecretLines.has(`${file}\0${line}`)) continue;
      problems.push({
        file,
        line,
        column,
        code: "secret",
        message: `the built app contains ${secretMessage(hit).replace(/^this looks like /, "what looks like ")}`,
      });
    }
  }

  const templateHtml = template.files["index.html"];
  if (typeof templateHtml !== "string") {
    problems.push({
      file: "index.html",
      line: 1,
      column: 1,
      code: "missing_file",
      message: "the template has no index.html",
    });
    return { ok: false, problems: sortProblems(problems) };
  }
  const html = renderHtml(templateHtml, {
    scripts: assets.filter((a) => a.path.endsWith(".js") && a.path.startsWith("assets/app-")).map((a) => `/${a.path}`),
    styles: assets.filter((a) => a.path.endsWith(".css")).map((a) => `/${a.path}`),
    modulePreloads: [...usedVendorUrls].sort(),
  });
  for (const hit of scanSecrets(html)) {
    problems.push({
      file: "index.html",
      line: hit.line,
      column: hit.column,
      code: "secret",
      message: secretMessage(hit),
    });
  }

  const htmlBytes = encoder.encode(html);
  const bytes = assets.reduce((n, a) => n + a.body.length, htmlBytes.length);
  if (bytes > maxBytes) {
    const largest = assets.reduce<BuiltAsset | undefined>(
      (m, a) => (!m || a.body.length > m.body.length ? a : m),
      undefined,
    );
    problems.push({
      file: largest?.path ?? "index.html",
      line: 1,
      column: 1,
      code: "too_large",
      message: `the built app is ${Math.ceil(bytes / 1024)} KiB; the limit is ${Math.floor(maxBytes / 1024)} KiB`,
    });
  }

  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };

  const parts: Uint8Array[] = [];
  for (const a of assets) parts.push(encoder.encode(`${a.path}\0`), a.body, encoder.encode("\0"));
  parts.push(htmlBytes);
  const hash = await sha256Hex(parts);
  return { ok: true, assets, html, hash, bytes, sourceMaps: Object.fromEntries(maps) };
}
