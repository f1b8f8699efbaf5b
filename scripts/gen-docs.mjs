// Writes the parts of the docs that the code decides, so they cannot drift: the app plane's error
// codes (docs/sdk.md, scanned from every ApiError the server can raise), the limits table
// (docs/app-api.md, from platform/object/limits.ts) and the studio API's OpenAPI document
// (docs/openapi/studio.json, as GET /api/openapi.json serves it). `node scripts/gen-docs.mjs`
// rewrites them; scripts/gen-docs.test.ts fails when the docs and the code disagree.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "./lib.mjs";

/** Helpers in platform/errors.ts: their status, default code, and which argument may name another. */
const HELPERS = {
  badRequest: { status: 400, code: "bad_request", codeArg: 1 },
  unauthorized: { status: 401, code: "unauthorized", codeArg: -1 },
  forbidden: { status: 403, code: "forbidden", codeArg: 1 },
  notFound: { status: 404, code: "not_found", codeArg: -1 },
  conflict: { status: 409, code: "conflict", codeArg: 1 },
  payloadTooLarge: { status: 413, code: "payload_too_large", codeArg: -1 },
  unsupportedMediaType: { status: 415, code: "unsupported_media_type", codeArg: -1 },
  tooManyRequests: { status: 429, code: "too_many_requests", codeArg: -1 },
};

/** Rooms that answer only the studio (creators), not an app's `/_api`. */
const STUDIO_ONLY = [
  "platform/worker/studio/",
  "platform/ai/",
  "platform/publish/",
  "platform/billing/creator-",
  "platform/worker/dev-",
  // Export and import answer only the studio (docs/export.md).
  "platform/export/",
  "platform/worker/export/",
  "platform/object/import-data.ts",
];

function sources(dir) {
  const out = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name !== "migrations") out.push(...sources(p));
    } else if (/\.ts$/.test(ent.name) && !/\.(test|gen|d)\.ts$/.test(ent.name)) out.push(p);
  }
  return out;
}

/** The top-level arguments of the call whose "(" is at `open`, as source text (strings kept whole). */
function callArguments(text, open) {
  const args = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'" || ch === "`") {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i).trim());
        return args.filter((a) => a !== "");
      }
    } else if (ch === "," && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return args;
}

const literal = (arg) => /^"([a-z][a-z0-9_]*)"$/.exec(arg ?? "")?.[1];

/** Every (status, code) the server can answer, with the files that raise it. */
export function errorCodes() {
  const found = new Map();
  const add = (status, code, file) => {
    const key = `${status} ${code}`;
    if (!found.has(key)) found.set(key, { status, code, files: new Set() });
    found.get(key).files.add(file);
  };
  for (const file of sources(join(root, "platform"))) {
    const rel = relative(root, file).split("\\").join("/");
    const text = readFileSync(file, "utf8");
    // ApiError itself, and the expected-failure values that become one (billing's fail / billingFailure).
    for (const m of text.matchAll(/(?:new ApiError|(?<![.\w])fail|(?<![.\w])billingFailure)\(/g)) {
      const args = callArguments(text, m.index + m[0].length - 1);
      const code = literal(args[1]);
      if (/^\d{3}$/.test(args[0] ?? "") && code) add(Number(args[0]), code, rel);
    }
    if (rel === "platform/errors.ts") {
      add(500, "internal", rel);
      continue;
    }
    for (const [name, h] of Object.entries(HELPERS)) {
      for (const m of text.matchAll(new RegExp(`(?<![.\\w])${name}\\(`, "g"))) {
        const args = callArguments(text, m.index + m[0].length - 1);
        add(h.status, (h.codeArg >= 0 && literal(args[h.codeArg])) || h.code, rel);
      }
    }
  }
  return [...found.values()]
    .map((e) => ({ ...e, files: [...e.files].sort() }))
    .sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

/** The codes an app's `/_api` can answer (everything not raised only by studio rooms). */
export function appErrorCodes() {
  return errorCodes().filter((e) => e.files.some((f) => !STUDIO_ONLY.some((s) => f.startsWith(s))));
}

function errorTable() {
  return ["| status | code |", "|---|---|", ...appErrorCodes().map((e) => `| ${e.status} | \`${e.code}\` |`)].join(
    "\n",
  );
}

const size = (bytes) => {
  for (const [unit, n] of [
    ["GiB", 1024 ** 3],
    ["MiB", 1024 ** 2],
    ["KiB", 1024],
  ])
    if (bytes % n === 0) return `${bytes / n} ${unit}`;
  return `${bytes} B`;
};

/** A platform module, bundled so this plain script reads the very values the server uses. */
async function platformModule(path) {
  const esbuild = await import("esbuild");
  const out = await esbuild.build({
    entryPoints: [join(root, path)],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`;
  return import(url);
}

async function limitsTable() {
  const { DEFAULTS: d, PLATFORM_CAPS: c } = await platformModule("platform/object/limits.ts");
  return [
    "| limit | default | cap | over it |",
    "|---|---|---|---|",
    `| \`maxBodyBytes\` (JSON body) | ${size(c.maxBodyBytes)} | ${size(c.maxBodyBytes)} | 413 \`payload_too_large\` |`,
    `| collection \`maxDocumentBytes\` | ${size(d.maxDocumentBytes)} | ${size(c.maxDocumentBytes)} (the manifest schema refuses more) | 413 \`payload_too_large\` |`,
    "| collection `maxDocumentsPerUser` (+ `maxDocumentsPerUserByPlan`) | unlimited | 1 000 000 | 429 `quota_exceeded` |",
    `| \`maxFileBytes\` | ${size(d.maxFileBytes)} | ${size(c.maxFileBytes)} | 413 |`,
    `| \`storageBytesPerUser\` / \`storageBytesPerApp\` | ${size(d.storageBytesPerUser)} / ${size(d.storageBytesPerApp)} | — | 413 \`quota_exceeded\` |`,
    `| \`requestsPerMinutePerUser\` / \`requestsPerMinutePerIp\` | ${d.requestsPerMinutePerUser} / ${d.requestsPerMinutePerIp} | 10 000 | 429 \`too_many_requests\` + \`Retry-After\` |`,
    `| list \`limit\` | ${d.listLimit} | ${c.listLimit} | clamped |`,
  ].join("\n");
}

/** Each generated section: the file, its marker name and its content. */
export async function sections() {
  return [
    { file: "docs/sdk.md", name: "error-codes", body: errorTable() },
    { file: "docs/app-api.md", name: "limits", body: await limitsTable() },
  ];
}

/** Whole files the code writes: their path and content. */
export async function files() {
  const { buildStudioOpenApi } = await platformModule("platform/worker/studio/openapi/studio-document.ts");
  return [{ file: "docs/openapi/studio.json", body: `${JSON.stringify(buildStudioOpenApi(), null, 2)}\n` }];
}

const markers = (name) => [
  `<!-- generated:${name} by scripts/gen-docs.mjs; do not edit by hand -->`,
  `<!-- /generated:${name} -->`,
];

/** The text of `file` with the section replaced, or null when its markers are missing. */
export function withSection(text, name, body) {
  const [open, close] = markers(name);
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  if (a < 0 || b < a) return null;
  return `${text.slice(0, a + open.length)}\n${body}\n${text.slice(b)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const s of await sections()) {
    const path = join(root, s.file);
    const next = withSection(readFileSync(path, "utf8"), s.name, s.body);
    if (next === null) throw new Error(`${s.file} has no ${markers(s.name)[0]} … ${markers(s.name)[1]} markers`);
    writeFileSync(path, next);
    console.log(`• ${s.file}: ${s.name}`);
  }
  for (const f of await files()) {
    mkdirSync(dirname(join(root, f.file)), { recursive: true });
    writeFileSync(join(root, f.file), f.body);
    console.log(`• ${f.file}`);
  }
}
