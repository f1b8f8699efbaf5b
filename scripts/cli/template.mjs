// `sandlot template check <dir>` and `sandlot template new <id>`: for template authors, offline.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { kitSource, loadBuilder, ROOT, sdkSource, vendorMap, wasmEsbuild } from "./builder.mjs";
import { formatProblem } from "./http.mjs";
import { scaffold } from "./scaffold.mjs";
import { typecheckTemplate } from "./typecheck.mjs";

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

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const MINIMAL_BLANK = {
  css: ":root {}\n",
  script: "export default function Blank() {\n  return null;\n}\n",
};

/** Where the problem's zod path points in template.json: the platform's own locator (jsonc-parser). */
const at = (locate, text, path) => locate(text, path).line;

/**
 * Every problem of a template directory, as `{file, line, column?, message}`; empty means good.
 * @returns {Promise<{ problems: Array<{file:string,line:number,column?:number,message:string}>, manifest?: any, tests: "passed"|"failed"|"none"|"skipped", notes: string[] }>}
 */
export async function checkTemplate(dir, { runTests = true, log = () => {} } = {}) {
  const root = resolve(dir);
  const problems = [];
  const notes = [];
  const manifestFile = join(root, "template.json");
  if (!existsSync(manifestFile))
    return {
      problems: [{ file: "template.json", line: 1, message: `no template.json in ${dir}` }],
      tests: "skipped",
      notes,
    };
  const text = readFileSync(manifestFile, "utf8");
  const { build, checkFiles, manifestSchema, locateJsonPath, locateJsonSyntaxError, registerDts } = await loadBuilder();
  let raw;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const pos = locateJsonSyntaxError(text);
    return {
      problems: [
        { file: "template.json", line: pos?.line ?? 1, column: pos?.column, message: `not valid JSON: ${err.message}` },
      ],
      tests: "skipped",
      notes,
    };
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        file: "template.json",
        line: at(locateJsonPath, text, issue.path),
        message: `${issue.path.join(".") || "(root)"}: ${issue.message}`,
      });
    }
    return { problems, tests: "skipped", notes };
  }
  const manifest = parsed.data;
  // The platform keys a template by its id; the folder is where authors (and gen-templates) look.
  const folder = basename(root);
  if (manifest.id !== folder)
    problems.push({
      file: "template.json",
      line: at(locateJsonPath, text, ["id"]),
      message: `id "${manifest.id}" must equal the folder name "${folder}"`,
    });

  const tree = readTree(root);
  const files = Object.fromEntries(Object.entries(tree).filter(([p]) => p === "index.html" || p.startsWith("src/")));
  for (const required of ["index.html", "src/main.tsx"])
    if (!(required in files)) problems.push({ file: required, line: 1, message: "missing: every template needs it" });
  manifest.blanks.forEach((blank, i) => {
    if (!(blank.path in files))
      problems.push({
        file: "template.json",
        line: at(locateJsonPath, text, ["blanks", i, "path"]),
        message: `blank ${blank.path} is declared but the file does not exist`,
      });
  });
  const template = { manifest, files };
  // Every file, locked and blank, through the platform's own path, lock and secret checks…
  for (const p of checkFiles({ template, files })) problems.push(p);
  // …a locked file changed as an app's file must be refused (I9), or the lock is not where it should be…
  const locked = Object.keys(files).find((p) => p.startsWith("src/") && !manifest.blanks.some((b) => b.path === p));
  if (locked) {
    const refused = checkFiles({ template, files: { [locked]: `${files[locked]}\n// edited\n` } });
    if (!refused.some((p) => p.file === locked))
      problems.push({ file: locked, line: 1, message: "an edit of this locked file was not refused" });
    else log(`An edit of the locked ${locked} is refused, as a save or publish would refuse it.`);
  }
  // …the types, which esbuild would strip unchecked…
  log("Type-checking against @sandlot/sdk, @sandlot/kit and React …");
  let started = performance.now();
  const typeProblems = await typecheckTemplate(root, files, registerDts(manifest));
  problems.push(...typeProblems);
  log(`Type-checked in ${seconds(started)}: ${typeProblems.length} type error${typeProblems.length === 1 ? "" : "s"}.`);
  // …and the whole app through the real builder on esbuild-wasm, as a publish would.
  log("Building with esbuild-wasm …");
  started = performance.now();
  const toolchain = {
    esbuild: await wasmEsbuild(),
    vendor: vendorMap(),
    sdkSource: sdkSource(),
    kitSource: kitSource(),
  };
  const result = await build({ template, files: {}, ...toolchain });
  if (!result.ok) problems.push(...result.problems);
  else log(`Built in ${seconds(started)}: ${result.assets.length} assets, ${(result.bytes / 1024).toFixed(1)} KiB.`);
  // Each blank must be replaceable on its own: a creator (or the AI) may rewrite it to anything valid.
  if (result.ok) {
    started = performance.now();
    for (const blank of manifest.blanks.filter((b) => b.path in files)) {
      const minimal = blank.path.endsWith(".css") ? MINIMAL_BLANK.css : MINIMAL_BLANK.script;
      const swapped = await build({ template, files: { [blank.path]: minimal }, ...toolchain });
      if (!swapped.ok)
        problems.push({
          file: blank.path,
          line: 1,
          message: `the app does not build when this blank is replaced by a minimal one (${swapped.problems[0]?.file}:${swapped.problems[0]?.line} ${swapped.problems[0]?.message}); locked files may use only its default export`,
        });
    }
    log(`Rebuilt with each of ${manifest.blanks.length} blanks replaced by a minimal one, in ${seconds(started)}.`);
  }

  const tests = runTests
    ? problems.length === 0
      ? runTemplateTests(root, { log, notes, problems, locate: locateJsonPath })
      : "skipped"
    : "skipped";
  return { problems: dedupe(problems), manifest, tests, notes };
}

/** The last lines of a test run, indented under the problem, so the failing assertion is on screen. */
function tail(output, lines = 40) {
  const all = output.trimEnd().split("\n");
  return all
    .slice(-lines)
    .map((l) => `    ${l}`)
    .join("\n");
}

function runStep(label, command, args, { cwd, log }) {
  log(`Running the template's tests: ${label}`);
  const run = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 600_000, shell: args.length === 0 });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  return { ok: run.status === 0, status: run.status ?? run.signal, output };
}

/**
 * package.json's `test` script if there is one; otherwise node tests (test/*.test.mjs) with
 * `node --test`, and workerd contract tests (test/*.worker.test.ts) with the platform's vitest —
 * those need the template bundled into the Worker, so only for templates under templates/.
 */
function runTemplateTests(root, { log, notes, problems, locate }) {
  const pkgFile = join(root, "package.json");
  const script = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, "utf8"))?.scripts?.test : undefined;
  const testDir = join(root, "test");
  const listed = existsSync(testDir) ? readdirSync(testDir) : [];
  const steps = [];
  if (script) steps.push({ label: script, command: script, args: [], cwd: root, file: "package.json", key: "test" });
  else {
    const nodeTests = listed.filter((f) => /\.test\.m?js$/.test(f)).map((f) => join("test", f));
    if (nodeTests.length > 0)
      steps.push({
        label: `node --test ${nodeTests.join(" ")}`,
        command: process.execPath,
        args: ["--test", ...nodeTests],
        cwd: root,
        file: nodeTests[0],
      });
  }
  const workerTests = listed.filter((f) => f.endsWith(".worker.test.ts"));
  if (workerTests.length > 0) {
    const rel = relative(join(ROOT, "templates"), root);
    if (!rel.startsWith("..") && !rel.includes("/")) {
      const files = workerTests.map((f) => relative(ROOT, join(root, "test", f)));
      const args = [
        join(ROOT, "node_modules/vitest/vitest.mjs"),
        "run",
        "--config",
        "vitest.config.ts",
        "--maxWorkers=1",
        ...files,
      ];
      steps.push({
        label: `vitest (workerd) ${files.join(" ")}`,
        command: process.execPath,
        args,
        cwd: ROOT,
        file: files[0],
      });
    } else
      notes.push(
        `${workerTests.join(", ")} not run: workerd tests need the template bundled into the platform (move it under templates/ and run \`node scripts/gen-templates.mjs\`)`,
      );
  }
  if (steps.length === 0) return "none";
  for (const step of steps) {
    const r = runStep(step.label, step.command, step.args, { cwd: step.cwd, log });
    if (!r.ok) {
      const line = step.key ? at(locate, readFileSync(pkgFile, "utf8"), ["scripts", step.key]) : 1;
      problems.push({
        file: step.file,
        line,
        message: `the tests failed (${step.label}, exit ${r.status}). Their output:\n${tail(r.output)}`,
      });
      return "failed";
    }
  }
  return "passed";
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

/**
 * Writes a new template. `collections` are parsed `--collection` specs (scaffold.mjs); `plan` is
 * null for none. The folder is named after the id: the platform keys templates by it.
 */
export function newTemplate(id, { dir, collections = [], plan = null } = {}) {
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(id))
    throw new Error(
      `template id "${id}" must be 2–40 characters: lowercase letters, digits, hyphens, starting with a letter`,
    );
  const root = resolve(dir ?? id);
  if (basename(root) !== id) throw new Error(`the folder must be named after the template id: …/${id}, not ${root}`);
  if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`${root} already exists and is not empty`);
  const underTemplates = relative(join(ROOT, "templates"), root) === id;
  const files = scaffold({
    id,
    collections,
    plan,
    workerTest: underTemplates,
    ...(underTemplates ? { schemaRef: "../template.schema.json" } : {}),
  });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return { root, files: Object.keys(files) };
}
