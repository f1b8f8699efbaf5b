// `sandlot template check <dir>` and `sandlot template new <id>`: for template authors, offline.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { kitSource, loadBuilder, sdkSource, vendorMap, wasmEsbuild } from "./builder.mjs";
import { formatProblem } from "./http.mjs";

function readTree(dir) {
  const files = {};
  const walk = (d) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      if (ent.name === "node_modules" || ent.name.startsWith(".")) continue;
      const p = join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else files[relative(dir, p).split("\\").join("/")] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return files;
}

/** The line of `template.json` where a JSON path's key first appears (best effort, for file:line). */
function lineOfKey(text, path) {
  const key = [...path].reverse().find((k) => typeof k === "string");
  if (key === undefined) return 1;
  const i = text.indexOf(`"${key}"`);
  return i < 0 ? 1 : text.slice(0, i).split("\n").length;
}

/**
 * Every problem of a template directory, as `{file, line, column?, message}`; empty means good.
 * @returns {Promise<{ problems: Array<{file:string,line:number,column?:number,message:string}>, manifest?: any, tests: "passed"|"failed"|"none"|"skipped" }>}
 */
export async function checkTemplate(dir, { runTests = true, log = () => {} } = {}) {
  const root = resolve(dir);
  const problems = [];
  const manifestFile = join(root, "template.json");
  if (!existsSync(manifestFile))
    return { problems: [{ file: "template.json", line: 1, message: `no template.json in ${dir}` }], tests: "skipped" };
  const text = readFileSync(manifestFile, "utf8");
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return {
      problems: [{ file: "template.json", line: 1, message: `not valid JSON: ${err.message}` }],
      tests: "skipped",
    };
  }
  const { build, checkFiles, manifestSchema } = await loadBuilder();
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        file: "template.json",
        line: lineOfKey(text, issue.path),
        message: `${issue.path.join(".") || "(root)"}: ${issue.message}`,
      });
    }
    return { problems, tests: "skipped" };
  }
  const manifest = parsed.data;

  const tree = readTree(root);
  const files = Object.fromEntries(Object.entries(tree).filter(([p]) => p === "index.html" || p.startsWith("src/")));
  for (const required of ["index.html", "src/main.tsx"])
    if (!(required in files)) problems.push({ file: required, line: 1, message: "missing: every template needs it" });
  for (const blank of manifest.blanks) {
    if (!(blank.path in files))
      problems.push({
        file: blank.path,
        line: lineOfKey(text, ["blanks"]),
        message: `blank declared in template.json but the file does not exist`,
      });
  }
  const template = { manifest, files };
  // Every file, locked and blank, through the platform's own path, lock and secret checks…
  for (const p of checkFiles({ template, files })) problems.push(p);
  // …and the whole app through the real builder on esbuild-wasm, as a publish would.
  log("Building with esbuild-wasm …");
  const result = await build({
    template,
    files: {},
    esbuild: await wasmEsbuild(),
    vendor: vendorMap(),
    sdkSource: sdkSource(),
    kitSource: kitSource(),
  });
  if (!result.ok) problems.push(...result.problems);
  else log(`Built: ${result.assets.length} assets, ${(result.bytes / 1024).toFixed(1)} KiB.`);

  let tests = "none";
  const pkgFile = join(root, "package.json");
  const script = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, "utf8"))?.scripts?.test : undefined;
  if (script && !runTests) tests = "skipped";
  else if (script && problems.length === 0) {
    log(`Running the template's tests: ${script}`);
    const run = spawnSync(script, { cwd: root, shell: true, stdio: "inherit", timeout: 300_000 });
    tests = run.status === 0 ? "passed" : "failed";
    if (tests === "failed")
      problems.push({
        file: "package.json",
        line: lineOfKey(readFileSync(pkgFile, "utf8"), ["test"]),
        message: `the test script failed (exit ${run.status ?? run.signal})`,
      });
  } else if (script) tests = "skipped";
  return { problems: dedupe(problems), manifest, tests };
}

function dedupe(problems) {
  const seen = new Set();
  return problems.filter((p) => {
    const k = formatProblem(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The files of a new template; ids follow the manifest's rule. */
export function scaffold(id) {
  const name = id
    .split("-")
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(" ");
  return {
    "template.json": `${JSON.stringify(
      {
        id,
        name,
        description: `The ${name} template.`,
        blanks: [
          {
            path: "src/blanks/Home.tsx",
            title: "Home page",
            purpose: "What visitors see first: a heading and a short pitch.",
          },
        ],
        collections: {},
        plans: [],
        imports: [],
      },
      null,
      2,
    )}\n`,
    "index.html": `<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n    <meta name="viewport" content="width=device-width,initial-scale=1">\n    <title>${name}</title>\n  </head>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>\n  </body>\n</html>\n`,
    "src/main.tsx": `// Locked entry. Creators and the AI change only src/blanks/.\nimport { createRoot } from "react-dom/client";\nimport "@sandlot/kit/base.css";\nimport { App } from "./App";\ncreateRoot(document.getElementById("root")!).render(<App />);\n`,
    "src/App.tsx": [
      '// Locked: routes and the page frame, from the shared kit (docs/templates.md, "The locked kit").',
      'import { useUser } from "@sandlot/sdk";',
      'import { AuthScreen, Link, NotFound, Shell, useRoute } from "@sandlot/kit";',
      'import Home from "./blanks/Home";',
      "",
      "export function App() {",
      "  const path = useRoute();",
      "  const { user } = useUser();",
      "  let page;",
      '  if (path === "/") page = <Home />;',
      '  else if (path === "/signin") page = <AuthScreen mode="signin" />;',
      '  else if (path === "/signup") page = <AuthScreen mode="signup" />;',
      '  else page = <NotFound homeLabel="Home" />;',
      '  const nav = user ? <span>{user.email}</span> : <><Link to="/signin">Sign in</Link><Link to="/signup" className="button primary small">Sign up</Link></>;',
      `  return <Shell brand="${name}" nav={nav} footer={null}><div className="container">{page}</div></Shell>;`,
      "}",
      "",
    ].join("\n"),
    "src/blanks/Home.tsx": `import { useUser } from "@sandlot/sdk";\n\nexport default function Home() {\n  const { user } = useUser();\n  return <h1>{user ? \`Welcome back, \${user.email}\` : "Welcome to ${name}"}</h1>;\n}\n`,
    "README.md": `# ${name}\n\nA Sandlot template. \`template.json\` is the backend contract (blanks, collections, plans, imports);\n\`src/\` is the frontend: \`src/blanks/*\` are the files creators fill, everything else is locked.\n\nCheck it with \`npx sandlot template check templates/${id}\` (schema, build, tests).\n`,
    "package.json": `${JSON.stringify({ private: true, type: "module", scripts: { test: "node --test" } }, null, 2)}\n`,
    "test/template.test.mjs": `// Run by \`sandlot template check\` through package.json's test script.\nimport assert from "node:assert/strict";\nimport { readFileSync, existsSync } from "node:fs";\nimport { test } from "node:test";\n\nconst manifest = JSON.parse(readFileSync(new URL("../template.json", import.meta.url), "utf8"));\n\ntest("every blank exists and has a default export", () => {\n  for (const blank of manifest.blanks) {\n    const file = new URL("../" + blank.path, import.meta.url);\n    assert.ok(existsSync(file), blank.path);\n    assert.match(readFileSync(file, "utf8"), /export default/, blank.path);\n  }\n});\n`,
  };
}

export function newTemplate(id, { dir } = {}) {
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(id))
    throw new Error(
      `template id "${id}" must be 2–40 characters: lowercase letters, digits, hyphens, starting with a letter`,
    );
  const root = resolve(dir ?? id);
  if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`${root} already exists and is not empty`);
  const files = scaffold(id);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return { root, files: Object.keys(files) };
}
