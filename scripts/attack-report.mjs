// The attack table: every threat in docs/threats.md, the tests that attack it (a test attacks the
// ids its own title or its describe blocks cite, or, when they cite none, the ids in its file name),
// and how those attacks ended. Built from the JSON reports the test runners already write, so
// `npm test` prints it without running anything twice; `npm run attack` runs only the attacks.
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { root } from "./lib.mjs";

const ID = /\bT(\d{2})\b/g;

/** id → { attacker, attack, status } from the catalogue's table. */
export async function readThreats() {
  const md = await readFile(join(root, "docs/threats.md"), "utf8");
  const threats = new Map();
  for (const line of md.split("\n")) {
    const m = /^\| <a id="(T\d{2})"><\/a>T\d{2} \| ([^|]+) \| ([^|]+) \|[^|]*\|(.*)\|$/.exec(line);
    if (!m) continue;
    const tests = m[4];
    const status = /\*\*Not yet covered/.test(tests)
      ? "not covered"
      : /\*\*Partial/.test(tests)
        ? "partial"
        : "covered";
    const reason = /\*\*(?:Not yet covered|Partial)[^*]*\*\*\s*([^|]*)/.exec(tests)?.[1]?.trim() ?? "";
    threats.set(m[1], { attacker: m[2].trim(), attack: m[3].trim(), status, reason });
  }
  return threats;
}

const idsIn = (text) => [...new Set([...text.matchAll(ID)].map((m) => `T${m[1]}`))];

/** Cases from a vitest JSON report: { runner, file, name, ids, outcome }. */
export function casesFromVitest(runner, json) {
  const cases = [];
  for (const file of json?.testResults ?? []) {
    const path = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
    const fromFile = idsIn(basename(path).toUpperCase());
    for (const t of file.assertionResults ?? []) {
      const named = idsIn(t.fullName ?? t.title ?? "");
      const ids = named.length > 0 ? named : fromFile;
      if (ids.length === 0) continue;
      cases.push({ runner, file: path, name: t.fullName, ids, outcome: outcomeOf(t.status) });
    }
  }
  return cases;
}

/** Cases from a Playwright JSON report (suites nest; each spec has one test per project). */
export function casesFromPlaywright(json) {
  const cases = [];
  const walk = (suite, titles) => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      const fullName = [...here, spec.title].join(" › ");
      const fromFile = idsIn(basename(spec.file ?? "").toUpperCase());
      const named = idsIn(fullName);
      const ids = named.length > 0 ? named : fromFile;
      if (ids.length === 0) continue;
      for (const test of spec.tests ?? []) {
        const last = test.results?.at(-1)?.status ?? "skipped";
        cases.push({
          runner: "chromium",
          file: `test/e2e/${spec.file}`,
          name: fullName,
          ids,
          outcome: outcomeOf(last),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of json?.suites ?? []) walk(suite, []);
  return cases;
}

function outcomeOf(status) {
  if (status === "passed" || status === "expected") return "blocked";
  if (status === "failed" || status === "timedOut" || status === "interrupted" || status === "unexpected")
    return "leaked";
  return "not run";
}

/** One row per catalogued threat: attacks run, blocked (the defence held), leaked (a test failed). */
export function threatRows(threats, cases) {
  const rows = [];
  for (const [id, threat] of threats) {
    const mine = cases.filter((c) => c.ids.includes(id));
    const count = (outcome) => mine.filter((c) => c.outcome === outcome).length;
    const runners = [...new Set(mine.map((c) => c.runner))].sort().join("+");
    rows.push({
      id,
      ...threat,
      attacks: mine.length,
      blocked: count("blocked"),
      leaked: count("leaked"),
      notRun: count("not run"),
      runners,
    });
  }
  const unknown = [...new Set(cases.flatMap((c) => c.ids))].filter((id) => !threats.has(id));
  return { rows, unknown };
}

/** Prints the table; returns the number of problems (leaks, attacks that did not run, unknown ids). */
export function printThreatTable({ rows, unknown }) {
  // Long attacker names ("anyone who can reach the webhook endpoint") are cut, so the columns stay columns.
  const pad = (s, n) => {
    const text = String(s);
    return (text.length >= n ? `${text.slice(0, n - 2)}…` : text).padEnd(n);
  };
  console.log(
    `\n${pad("threat", 7)}${pad("attacker", 24)}${pad("attacks", 9)}${pad("blocked", 9)}${pad("leaked", 8)}runners`,
  );
  for (const r of rows) {
    if (r.attacks === 0) continue;
    const mark = r.leaked > 0 || r.notRun > 0 ? "✗" : r.status === "partial" ? "~" : " ";
    console.log(
      `${mark}${pad(r.id, 6)}${pad(r.attacker, 24)}${pad(r.attacks, 9)}${pad(r.blocked, 9)}${pad(r.leaked, 8)}${r.runners}`,
    );
  }
  const untested = rows.filter((r) => r.attacks === 0);
  if (untested.length > 0) {
    console.log("\nthreats with no attack in this run (docs/threats.md says why):");
    for (const r of untested) console.log(`  ${r.id} (${r.status}): ${r.reason || r.attack}`.slice(0, 160));
  }
  const totals = rows.reduce(
    (t, r) => ({ attacks: t.attacks + r.attacks, blocked: t.blocked + r.blocked, leaked: t.leaked + r.leaked }),
    { attacks: 0, blocked: 0, leaked: 0 },
  );
  const covered = rows.filter((r) => r.attacks > 0).length;
  console.log(
    `\n${covered} of ${rows.length} threats attacked: ${totals.attacks} attacks, ${totals.blocked} blocked, ${totals.leaked} leaked`,
  );
  for (const id of unknown) console.log(`✗ ${id} is cited by a test but is not in docs/threats.md`);
  const notRun = rows.reduce((n, r) => n + r.notRun, 0);
  if (notRun > 0) console.log(`✗ ${notRun} attacks did not run`);
  return totals.leaked + notRun + unknown.length;
}
