#!/usr/bin/env node
/**
 * Builder benchmark: a template-sized app (~20 TSX files + CSS, generated into an in-memory VFS)
 * built by sandbox/build with esbuild-wasm (warm) and with native esbuild in the same run.
 *
 *   node scripts/bench-build.mjs [--runs 20] [--files 20]
 *
 * sandbox/build is TypeScript, so it is first bundled with native esbuild into a temp .mjs.
 * export benchBuild(opts) → { initMs, coldMs, wasmMedianMs, nativeMedianMs, ratio, ... } for scripts/bench.mjs.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as nativeEsbuild from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

async function loadBuilder() {
  // Inside the repo (.tmp/ is gitignored) so the bundle's `import "esbuild-wasm"` finds node_modules.
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, ".tmp", "bench-build-"));
  const outfile = join(dir, "builder.mjs");
  await nativeEsbuild.build({
    stdin: {
      contents:
        'export { build } from "./sandbox/build/index.ts"; export { initEsbuildNode } from "./sandbox/build/init-node.ts";',
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    external: ["esbuild-wasm"],
    logLevel: "warning",
  });
  // esbuild-wasm must resolve from the repo's node_modules, not the temp dir.
  const mod = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`).catch(async (err) => {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return { mod, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function readSdk() {
  const dir = join(ROOT, "sandbox/sdk");
  if (!existsSync(join(dir, "index.ts"))) return undefined;
  const out = {};
  for (const f of readdirSync(dir))
    if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
      out[f] = readFileSync(join(dir, f), "utf8");
  return out;
}

/** A template-sized app: main + App (locked), `count` blank components, a theme CSS. */
export function generateApp(count = 20) {
  const names = Array.from({ length: count }, (_, i) => `Section${String(i + 1).padStart(2, "0")}`);
  const blanks = names.map((n) => ({ path: `src/blanks/${n}.tsx`, title: n, purpose: `Section ${n}.` }));
  blanks.push({ path: "src/blanks/theme.css", title: "Theme", purpose: "Styles." });
  const files = {
    "index.html":
      '<!doctype html>\n<html><head><meta charset="utf-8"><title>Bench</title></head>\n<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n',
    "src/main.tsx":
      'import { createRoot } from "react-dom/client";\nimport { App } from "./App";\ncreateRoot(document.getElementById("root")!).render(<App />);\n',
    "src/App.tsx":
      names.map((n) => `import ${n} from "./blanks/${n}";`).join("\n") +
      '\nimport "./blanks/theme.css";\nimport { useState } from "react";\n' +
      "export function App() {\n  const [tab, setTab] = useState(0);\n  return (<div>\n" +
      `    <nav>{[${names.map((n) => `"${n}"`).join(",")}].map((n, i) => <button key={n} onClick={() => setTab(i)}>{n}</button>)}</nav>\n` +
      names.map((n, i) => `    {tab === ${i} && <${n} />}`).join("\n") +
      "\n  </div>);\n}\n",
    "src/blanks/theme.css":
      ":root { --accent: #3b82f6; }\nbody { font-family: system-ui; margin: 0; }\n.card { border: 1px solid #ddd; padding: 1rem; border-radius: 8px; }\n",
  };
  for (const n of names) {
    files[`src/blanks/${n}.tsx`] = `import { useMemo, useState, type ReactNode } from "react";
import { useUser } from "@sandlot/sdk";

interface Item { id: number; title: string; done: boolean; tags: string[] }

function Row(props: { item: Item; onToggle: (id: number) => void; children?: ReactNode }) {
  const { item, onToggle } = props;
  return (
    <li className={item.done ? "done" : ""} onClick={() => onToggle(item.id)}>
      <strong>{item.title}</strong> {item.tags.map((t) => <em key={t}>#{t}</em>)}
      {props.children}
    </li>
  );
}

export default function ${n}() {
  const user = useUser();
  const [filter, setFilter] = useState("");
  const [items, setItems] = useState<Item[]>(() =>
    Array.from({ length: 12 }, (_, i) => ({ id: i, title: "${n} item " + i, done: i % 3 === 0, tags: ["a" + (i % 4), "b" + (i % 5)] })),
  );
  const shown = useMemo(() => items.filter((it) => it.title.toLowerCase().includes(filter.toLowerCase())), [items, filter]);
  const toggle = (id: number) => setItems((xs) => xs.map((x) => (x.id === id ? { ...x, done: !x.done } : x)));
  return (
    <section className="card">
      <h2>${n}</h2>
      <p>{user ? "Signed in" : "Guest"} · {shown.length} of {items.length}</p>
      <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter" />
      <ul>{shown.map((it) => <Row key={it.id} item={it} onToggle={toggle} />)}</ul>
    </section>
  );
}
`;
  }
  const manifest = {
    id: "bench",
    name: "Bench",
    description: "",
    version: "1.0.0",
    blanks,
    collections: {},
    plans: [],
    imports: [],
    limits: {},
  };
  const appFiles = Object.fromEntries(Object.entries(files).filter(([p]) => p.startsWith("src/blanks/")));
  return { template: { manifest, files }, appFiles };
}

const VENDOR = {
  imports: {
    react: "/_sandlot/vendor/react-AAAAAAAA.js",
    "react/jsx-runtime": "/_sandlot/vendor/react-jsx-runtime-BBBBBBBB.js",
    "react-dom/client": "/_sandlot/vendor/react-dom-client-CCCCCCCC.js",
  },
  files: [],
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function p95(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

/**
 * @param {{ runs?: number, files?: number, log?: (line: string) => void }} [opts]
 */
export async function benchBuild(opts = {}) {
  const runs = opts.runs ?? 20;
  const count = opts.files ?? 20;
  const log = opts.log ?? (() => {});
  const { mod, cleanup } = await loadBuilder();
  try {
    const { template, appFiles } = generateApp(count);
    const sdkSource = readSdk() ?? {
      "index.ts":
        'import { useState } from "react";\nexport function useUser() { const [u] = useState(null); return u; }\n',
    };
    // Each timed build follows an edit of one blank, as a keystroke in the studio would.
    const edited = "src/blanks/Section01.tsx";
    const input = (esbuild, edit = 0) => ({
      template,
      files: { ...appFiles, [edited]: `${appFiles[edited]}\n// edit ${edit}\n` },
      esbuild,
      vendor: VENDOR,
      sdkSource,
    });

    let t = performance.now();
    const wasm = await mod.initEsbuildNode();
    const initMs = performance.now() - t;
    t = performance.now();
    const first = await mod.build(input(wasm));
    const coldMs = performance.now() - t;
    if (!first.ok) throw new Error(`bench app failed to build: ${JSON.stringify(first.problems.slice(0, 3))}`);

    const time = async (esbuild) => {
      for (let i = 0; i < 2; i++) await mod.build(input(esbuild)); // warm-up
      const xs = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        const r = await mod.build(input(esbuild, i + 1));
        xs.push(performance.now() - s);
        if (!r.ok) throw new Error("bench build failed");
      }
      return xs;
    };
    const wasmTimes = await time(wasm);
    const nativeTimes = await time({ build: nativeEsbuild.build });
    const result = {
      files: Object.keys(template.files).filter((p) => p.endsWith(".tsx")).length,
      sdkFiles: Object.keys(sdkSource).length,
      runs,
      bytes: first.bytes,
      initMs,
      coldMs,
      wasmMedianMs: median(wasmTimes),
      wasmMinMs: Math.min(...wasmTimes),
      nativeMedianMs: median(nativeTimes),
      nativeMinMs: Math.min(...nativeTimes),
      ratio: median(wasmTimes) / median(nativeTimes),
      wasmP95Ms: p95(wasmTimes),
      nativeP95Ms: p95(nativeTimes),
    };
    const f = (n) => n.toFixed(1).padStart(8);
    log(
      `builder bench: ${result.files} TSX files + ${result.sdkFiles} SDK files, output ${(result.bytes / 1024).toFixed(1)} KiB, ${runs} runs`,
    );
    log("  engine           median      min");
    log(
      `  esbuild-wasm   ${f(result.wasmMedianMs)} ms ${f(result.wasmMinMs)} ms   (initialize ${result.initMs.toFixed(0)} ms, first build ${result.coldMs.toFixed(0)} ms)`,
    );
    log(`  esbuild native ${f(result.nativeMedianMs)} ms ${f(result.nativeMinMs)} ms`);
    log(`  ratio wasm/native ${result.ratio.toFixed(2)}x`);
    return result;
  } finally {
    cleanup();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : dflt;
  };
  benchBuild({ runs: arg("--runs", 20), files: arg("--files", 20), log: (s) => console.log(s) })
    .then(() => process.exit(0))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
