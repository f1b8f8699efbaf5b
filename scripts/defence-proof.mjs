// `npm run attack:proof`: proves the attack tests can fail. For each defence in defences.mjs it
// removes the defence from the source (one exact edit), runs the tests that should catch it, records which of
// them went red, and puts the source back — also on Ctrl-C. A defence whose removal leaves every
// test green is a hole in the suite and makes this script exit non-zero.
//
// It edits the working tree, so run it on a clean checkout (it refuses when a file it would edit has
// uncommitted changes). It is not part of `npm test`: each line costs a workerd start.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFENCES, WITHOUT_A_ROW } from "./defences.mjs";
import { bin, root, run } from "./lib.mjs";

/** The ids docs/threats.md defines that neither list accounts for. */
async function unaccountedIds() {
  const catalogue = await readFile(join(root, "docs/threats.md"), "utf8");
  const ids = [...catalogue.matchAll(/<a id="(T\d+)"><\/a>/g)].map((m) => m[1]);
  const known = new Set([...DEFENCES.map((d) => d.id), ...WITHOUT_A_ROW.map((w) => w.id)]);
  return ids.filter((id) => !known.has(id));
}

function dirtyFiles() {
  return new Set(
    execFileSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3)),
  );
}

async function runTests(defence) {
  const dir = await mkdtemp(join(tmpdir(), "sandlot-proof-"));
  const report = join(dir, "report.json");
  try {
    const code = await run(
      bin("vitest"),
      [
        "run",
        "--config",
        defence.config,
        "--maxWorkers=1",
        "--reporter=dot",
        "--reporter=json",
        `--outputFile.json=${report}`,
        ...defence.tests,
      ],
      // The project's own Node (node_modules/.bin first, as under `npm run`): vitest's reporters need Node ≥ 22.
      { stdio: "ignore", env: { PATH: `${root}node_modules/.bin:${process.env.PATH}` } },
    );
    const json = JSON.parse(await readFile(report, "utf8").catch(() => "null"));
    const red = [];
    for (const file of json?.testResults ?? []) {
      for (const t of file.assertionResults ?? []) {
        if (t.status === "failed") red.push(`${file.name.slice(root.length)} › ${t.fullName}`);
      }
      if (file.status === "failed" && (file.assertionResults ?? []).every((t) => t.status !== "failed")) {
        red.push(`${file.name.slice(root.length)} (did not load: ${String(file.message).split("\n")[0]})`);
      }
    }
    return { code, red };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const only = process.argv.slice(2);
const chosen = only.length > 0 ? DEFENCES.filter((d) => only.includes(d.id)) : DEFENCES;
const dirty = dirtyFiles();
const refused = chosen.filter((d) => dirty.has(d.file)).map((d) => d.file);
if (refused.length > 0) {
  console.error(
    `defence-proof: commit or stash these first (they would be edited): ${[...new Set(refused)].join(", ")}`,
  );
  process.exit(2);
}

let restore = null;
process.on("SIGINT", async () => {
  if (restore) await restore();
  process.exit(130);
});

const rows = [];
for (const defence of chosen) {
  const path = join(root, defence.file);
  const original = await readFile(path, "utf8");
  const count = original.split(defence.find).length - 1;
  if (count !== 1) {
    rows.push({
      ...defence,
      caught: false,
      red: [],
      note: `the defence text occurs ${count} times in ${defence.file}`,
    });
    continue;
  }
  restore = () => writeFile(path, original);
  const started = performance.now();
  try {
    await writeFile(path, original.replace(defence.find, defence.replace));
    const { code, red } = await runTests(defence);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    rows.push({ ...defence, caught: code !== 0 && red.length > 0, red, note: `${seconds} s` });
  } finally {
    await restore();
    restore = null;
  }
  const row = rows.at(-1);
  console.log(`${row.caught ? "✓ caught" : "✗ NOT caught"}  ${defence.id} ${defence.defence} (${row.note})`);
  for (const name of row.red.slice(0, 3)) console.log(`    red: ${name}`);
  if (row.red.length > 3) console.log(`    … and ${row.red.length - 3} more`);
}

console.log("\n| threat | defence removed | file | went red (first test) | red tests |");
console.log("|---|---|---|---|---|");
for (const r of rows) {
  const first = r.red[0] ?? (r.caught ? "" : `NOT CAUGHT — ${r.note}`);
  console.log(`| ${r.id} | ${r.defence} | \`${r.file}\` | ${first.replaceAll("|", "\\|")} | ${r.red.length} |`);
}
const holes = rows.filter((r) => !r.caught);
console.log(`\n${rows.length - holes.length} of ${rows.length} defence removals caught by the tests`);
const proven = new Set(DEFENCES.map((d) => d.id));
console.log(`\n${proven.size} threat ids have a row; ${WITHOUT_A_ROW.length} have none, and why:`);
for (const w of WITHOUT_A_ROW) console.log(`- ${w.id}: ${w.why}`);
const unaccounted = await unaccountedIds();
if (unaccounted.length > 0) {
  console.log(`\nin docs/threats.md but neither proven here nor explained: ${unaccounted.join(", ")}`);
}
// A filtered run proves only its rows; a full run also answers for every id of the catalogue.
const incomplete = only.length === 0 && unaccounted.length > 0;
process.exit(holes.length === 0 && !incomplete ? 0 : 1);
