// `npm run attack`: only the attacks — every test file docs/threats.md lists for a threat (the docs-ids
// test keeps that list complete), each on its own runner — then the table of what was tried and
// what held. Exits non-zero on any leak. `npm test` prints the same table from its full run.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { casesFromPlaywright, casesFromVitest, printThreatTable, readThreats, threatRows } from "./attack-report.mjs";
import { root } from "./lib.mjs";
import { prepare } from "./prepare.mjs";
import { playwright, vitest } from "./runners.mjs";

const md = await readFile(join(root, "docs/threats.md"), "utf8");
const listed = new Set(
  [...md.matchAll(/`((?:test|platform|sandbox|scripts|templates|web)\/[^`\s]+\.(?:test|e2e)\.ts)`/g)].map((m) => m[1]),
);
const files = [...listed].sort();
const isE2e = (f) => f.startsWith("test/e2e/");
const isNode = (f) =>
  !isE2e(f) &&
  (f.startsWith("sandbox/") ||
    f.startsWith("scripts/") ||
    f.startsWith("web/") ||
    f.startsWith("test/cli/") ||
    f.startsWith("test/layout/") ||
    f.endsWith(".node.test.ts"));
const node = files.filter(isNode);
const e2e = files.filter(isE2e).map((f) => f.slice("test/e2e/".length));
const workerd = files.filter((f) => !isNode(f) && !isE2e(f) && !f.startsWith("test/bench/"));

await prepare({ web: "build" });
const started = performance.now();
const node_ = await vitest("vitest.node.config.ts", node);
const workerd_ = await vitest("vitest.config.ts", workerd);
const chromium = await playwright("test/e2e", e2e);
const problems = printThreatTable(
  threatRows(await readThreats(), [
    ...casesFromVitest("node", node_.report),
    ...casesFromVitest("workerd", workerd_.report),
    ...casesFromPlaywright(chromium.report),
  ]),
);
console.log(
  `${node.length} node, ${workerd.length} workerd and ${e2e.length} Chromium files in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(problems === 0 && node_.failed + workerd_.failed + chromium.failed === 0 ? 0 : 1);
