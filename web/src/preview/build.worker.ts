/// <reference lib="webworker" />
/**
 * The preview build worker: esbuild-wasm + the Sandlot builder (sandbox/build), off the main
 * thread. Receives the template and the editor's blanks, answers with the built JS/CSS/HTML or
 * the problems (file, line, message). Builds run with no secrets in scope (there are none here).
 */
import wasmUrl from "esbuild-wasm/esbuild.wasm?url";
import { initEsbuildBrowser } from "../../../sandbox/build/init-browser";
import { build, type TemplateSource } from "../../../sandbox/build/index";
import { manifestSchema } from "../../../platform/manifest/schema";
import { KIT_SOURCE, SDK_SOURCE, VENDOR_MAP } from "../../../sandbox/vendor/dist/files";
import { absoluteVendor } from "./vendor";
import type { ScriptPart } from "../../../sandbox/build/runtime-error";
import type { BuildRequest, BuildResponse } from "./worker-protocol";

declare const self: DedicatedWorkerGlobalScope;

const vendor = absoluteVendor(VENDOR_MAP, self.location.origin);
const templates = new Map<string, { key: string; source: TemplateSource }>();
const decoder = new TextDecoder();

function templateSource(req: BuildRequest): TemplateSource {
  const key = `${JSON.stringify(req.template.manifest)}\0${Object.keys(req.template.files).length}`;
  const hit = templates.get(req.template.id);
  if (hit && hit.key === key && hit.source.files === req.template.files) return hit.source;
  const parsed = manifestSchema.safeParse(req.template.manifest);
  if (!parsed.success) throw new Error("The template's manifest could not be read.");
  const source: TemplateSource = { manifest: parsed.data, files: req.template.files };
  templates.set(req.template.id, { key, source });
  return source;
}

async function run(req: BuildRequest): Promise<BuildResponse> {
  const started = performance.now();
  const esbuild = await initEsbuildBrowser(new URL(wasmUrl, self.location.href));
  const template = templateSource(req);
  const blanks = new Set(template.manifest.blanks.map((b) => b.path));
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(req.files)) if (blanks.has(path)) files[path] = content;
  const input: Parameters<typeof build>[0] = { template, files, esbuild, vendor };
  if (SDK_SOURCE) input.sdkSource = SDK_SOURCE;
  if (KIT_SOURCE) input.kitSource = KIT_SOURCE;
  const result = await build(input);
  const ms = Math.round(performance.now() - started);
  if (!result.ok) return { type: "result", id: req.id, ok: false, problems: result.problems, ms };
  const jsAssets = result.assets.filter((a) => a.path.endsWith(".js"));
  const js = jsAssets.map((a) => decoder.decode(a.body));
  const parts: ScriptPart[] = [];
  let startLine = 1;
  jsAssets.forEach((a, i) => {
    const map = result.sourceMaps[a.path];
    if (map) parts.push({ startLine, map });
    startLine += js[i]?.split("\n").length ?? 1;
  });
  const css = result.assets.filter((a) => a.path.endsWith(".css")).map((a) => decoder.decode(a.body));
  return {
    type: "result",
    id: req.id,
    ok: true,
    app: { js: js.join("\n"), css: css.join("\n"), html: result.html, bytes: result.bytes, parts },
    ms,
  };
}

// Only the newest request matters: older ones still queued are skipped.
let latest = 0;
let chain: Promise<void> = Promise.resolve();

self.addEventListener("message", (event: MessageEvent<BuildRequest>) => {
  const req = event.data;
  if (req?.type !== "build" || typeof req.id !== "number") return;
  latest = Math.max(latest, req.id);
  chain = chain.then(async () => {
    if (req.id !== latest) return;
    let out: BuildResponse;
    try {
      out = await run(req);
    } catch (err) {
      out = { type: "fatal", id: req.id, message: err instanceof Error ? err.message : String(err) };
    }
    self.postMessage(out);
  });
});
