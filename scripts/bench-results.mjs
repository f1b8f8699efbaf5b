/**
 * `npm run bench`'s results: rows of one shape, written to bench/results.json, printed as a
 * table and copied into README.md between the `bench:start` / `bench:end` markers.
 *   { name, median_ms, p95_ms, baseline, baseline_median_ms, ratio, value, unit }
 * Times are ms; `ratio` is median / baseline median (for rates, rate / baseline rate); sizes are
 * bytes in `value`. Nothing here judges a number: benchmarks measure, they never fail on time.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { root } from "./lib.mjs";

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
};

const r = (n) => (n === null || n === undefined || Number.isNaN(n) ? null : Math.round(n * 100) / 100);

/**
 * @param {{ name: string, median_ms?: number | null, p95_ms?: number | null, baseline?: string | null,
 *   baseline_median_ms?: number | null, ratio?: number | null, value?: number | null, unit?: string | null,
 *   note?: string }} row
 */
export function row(input) {
  const median = r(input.median_ms);
  const base = r(input.baseline_median_ms);
  const ratio = input.ratio !== undefined ? r(input.ratio) : median !== null && base ? r(median / base) : null;
  return {
    name: input.name,
    median_ms: median,
    p95_ms: r(input.p95_ms),
    baseline: input.baseline ?? null,
    baseline_median_ms: base,
    ratio,
    value: input.value ?? null,
    unit: input.unit ?? (median !== null ? "ms" : null),
    ...(input.note ? { note: input.note } : {}),
  };
}

export function machine() {
  const cpu = cpus();
  return `${cpu[0]?.model ?? "unknown cpu"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}; shared with other jobs, so noisy`;
}

const cell = (v) => (v === null || v === undefined ? "" : String(v));

function fmtValue(row) {
  if (row.value === null) return "";
  if (row.unit === "bytes")
    return row.value >= 2 ** 20 ? `${(row.value / 2 ** 20).toFixed(1)} MiB` : `${(row.value / 1024).toFixed(1)} KiB`;
  return `${r(row.value)} ${row.unit ?? ""}`.trim();
}

export function markdownTable(results) {
  const lines = [
    "| name | median ms | p95 ms | baseline | baseline ms | ratio | value |",
    "| --- | ---: | ---: | --- | ---: | ---: | ---: |",
  ];
  for (const x of results) {
    lines.push(
      `| ${x.name} | ${cell(x.median_ms)} | ${cell(x.p95_ms)} | ${cell(x.baseline)} | ${cell(x.baseline_median_ms)} | ${x.ratio === null ? "" : `${x.ratio}×`} | ${fmtValue(x)} |`,
    );
  }
  return lines.join("\n");
}

export function printTable(results, log) {
  const w = Math.max(...results.map((x) => x.name.length));
  log(
    `${"name".padEnd(w)}  ${"median".padStart(9)} ${"p95".padStart(9)} ${"base".padStart(9)} ${"ratio".padStart(8)}  value / baseline`,
  );
  for (const x of results) {
    const n = (v) => (v === null ? "" : v.toFixed(1)).padStart(9);
    log(
      `${x.name.padEnd(w)}  ${n(x.median_ms)} ${n(x.p95_ms)} ${n(x.baseline_median_ms)} ${(x.ratio === null ? "" : `${x.ratio.toFixed(2)}x`).padStart(8)}  ${fmtValue(x)}${x.baseline ? `  (vs ${x.baseline})` : ""}`,
    );
  }
}

export function writeResults(results) {
  const doc = { date: new Date().toISOString(), machine: machine(), results };
  mkdirSync(join(root, "bench"), { recursive: true });
  writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(doc, null, 2)}\n`);
  const readme = join(root, "README.md");
  const text = readFileSync(readme, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i !== -1 && j > i) {
    const body = `${start}\nLatest \`npm run bench\` (${doc.date.slice(0, 10)}; ${doc.machine}):\n\n${markdownTable(results)}\n${end}`;
    writeFileSync(readme, text.slice(0, i) + body + text.slice(j + end.length));
  }
  return doc;
}
