/// <reference lib="webworker" />
/**
 * TypeScript's language service in a Web Worker, over a virtual file system: the template's files
 * and the blanks as the app's sources, the SDK and the kit as `@sandlot/sdk` / `@sandlot/kit`,
 * React's types, and the manifest's types (sandbox/sdk/dts.ts) so `useCollection("…")` knows the
 * app's collections. Loaded only when the editor asks for help, so first paint never waits on it.
 */
import { createSystem, createVirtualTypeScriptEnvironment, type VirtualTypeScriptEnvironment } from "@typescript/vfs";
import ts from "typescript";
import { registerDts } from "../../../../sandbox/sdk/dts";
import { KIT_SOURCE, SDK_SOURCE } from "../../../../sandbox/vendor/dist/files";
import type { TsCompletion, TsProblem, TsRequest, TsResponse } from "./protocol";

const libs = import.meta.glob(
  [
    "../../../../node_modules/typescript/lib/lib.es5.d.ts",
    "../../../../node_modules/typescript/lib/lib.es20{15,16,17,18,19,20,21,22}*.d.ts",
    "../../../../node_modules/typescript/lib/lib.decorators*.d.ts",
    "../../../../node_modules/typescript/lib/lib.dom.d.ts",
    "../../../../node_modules/typescript/lib/lib.dom.iterable.d.ts",
  ],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;
const reactTypes = import.meta.glob(
  [
    "../../../../node_modules/@types/react/{index,global,jsx-runtime,jsx-dev-runtime}.d.ts",
    "../../../../node_modules/csstype/index.d.ts",
  ],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  isolatedModules: true,
  types: [],
};

const APP_ROOT = "/app/";
let env: VirtualTypeScriptEnvironment | null = null;

function init(files: Record<string, string>, manifest: unknown): void {
  const fsMap = new Map<string, string>();
  for (const [path, text] of Object.entries(libs)) fsMap.set(`/${path.slice(path.lastIndexOf("/") + 1)}`, text);
  for (const [path, text] of Object.entries(reactTypes)) fsMap.set(path.slice(path.indexOf("/node_modules/")), text);
  for (const [name, text] of Object.entries(SDK_SOURCE ?? {})) fsMap.set(`/node_modules/@sandlot/sdk/${name}`, text);
  for (const [name, text] of Object.entries(KIT_SOURCE ?? {})) fsMap.set(`/node_modules/@sandlot/kit/${name}`, text);
  const roots: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (!/\.(tsx?|d\.ts)$/.test(path)) continue;
    fsMap.set(APP_ROOT + path, text);
    roots.push(APP_ROOT + path);
  }
  const m =
    typeof manifest === "object" && manifest !== null ? (manifest as { collections?: unknown; plans?: unknown }) : {};
  fsMap.set(`${APP_ROOT}sandlot-env.d.ts`, `${registerDts(m)}\ndeclare module "*.css";\n`);
  roots.push(`${APP_ROOT}sandlot-env.d.ts`);
  env = createVirtualTypeScriptEnvironment(createSystem(fsMap), roots, ts, options);
}

function fileOf(path: string): string {
  return APP_ROOT + path;
}

function diagnostics(path: string): TsProblem[] {
  if (!env) return [];
  const file = fileOf(path);
  const all = [
    ...env.languageService.getSyntacticDiagnostics(file),
    ...env.languageService.getSemanticDiagnostics(file),
  ];
  return all.map((d) => ({
    from: d.start ?? 0,
    to: (d.start ?? 0) + Math.max(1, d.length ?? 1),
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    severity: d.category === ts.DiagnosticCategory.Warning ? "warning" : "error",
  }));
}

function completions(path: string, pos: number): { from: number; items: TsCompletion[] } {
  const text = env?.getSourceFile(fileOf(path))?.text ?? "";
  let from = pos;
  while (from > 0 && /[\w$]/.test(text[from - 1] ?? "")) from--;
  const info = env?.languageService.getCompletionsAtPosition(fileOf(path), pos, {
    includeCompletionsForModuleExports: true,
    includeCompletionsWithInsertText: true,
  });
  if (!info) return { from, items: [] };
  // CodeMirror filters and ranks as the creator types; here only the first letter narrows the
  // list (auto-imports sort last, so a plain cap would cut them off).
  const first = text.slice(from, pos).charAt(0).toLowerCase();
  const entries = first ? info.entries.filter((e) => e.name.charAt(0).toLowerCase() === first) : info.entries;
  const items = entries.slice(0, 1500).map((e) => {
    const item: TsCompletion = { label: e.name, kind: e.kind };
    if (e.source) item.source = e.source.replace(/^\/node_modules\//, "").replace(/\/index\.ts$/, "");
    return item;
  });
  return { from, items };
}

function hover(path: string, pos: number): { text: string | null; from: number; to: number } {
  const info = env?.languageService.getQuickInfoAtPosition(fileOf(path), pos);
  if (!info) return { text: null, from: pos, to: pos };
  const text = [ts.displayPartsToString(info.displayParts), ts.displayPartsToString(info.documentation)]
    .filter(Boolean)
    .join("\n\n");
  return { text, from: info.textSpan.start, to: info.textSpan.start + info.textSpan.length };
}

function handle(req: TsRequest): TsResponse {
  switch (req.type) {
    case "init":
      init(req.files, req.manifest);
      return { type: "ready", id: req.id };
    case "update": {
      if (!env) return { type: "error", id: req.id, message: "not initialised" };
      const file = fileOf(req.path);
      if (env.getSourceFile(file)) env.updateFile(file, req.content || " ");
      else env.createFile(file, req.content || " ");
      return { type: "ok", id: req.id };
    }
    case "diagnostics":
      return { type: "diagnostics", id: req.id, problems: diagnostics(req.path) };
    case "completions":
      return { type: "completions", id: req.id, ...completions(req.path, req.pos) };
    case "hover":
      return { type: "hover", id: req.id, ...hover(req.path, req.pos) };
  }
}

self.onmessage = (e: MessageEvent<TsRequest>) => {
  let res: TsResponse;
  try {
    res = handle(e.data);
  } catch (err) {
    res = { type: "error", id: e.data.id, message: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(res);
};
