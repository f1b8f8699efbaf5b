/**
 * `npm run bench`'s rows (bench-results.mjs's shape) from what each part measured: the workerd
 * benches' BENCH_RESULT objects and bench-serve.mjs's result.
 */
import { median, p95, row } from "./bench-results.mjs";

export function listRows(lists) {
  const name = "visitor: shared recipes, newest first";
  const q = lists.queries[name];
  const [s1, s10, s100] = lists.sizes;
  const me = lists[`baselineMeMs_${s1}`];
  const worst = Math.max(...Object.values(lists.queries).map((r) => r.ratio));
  const label = (n) => `list-${n / 1000}k`;
  return [
    row({
      name: label(s1),
      median_ms: q[`ms_${s1}`],
      p95_ms: q[`p95_${s1}`],
      baseline: "GET /_api/auth/me",
      baseline_median_ms: me,
      value: s1,
      unit: "documents",
    }),
    ...[s10, s100].map((n) =>
      row({
        name: label(n),
        median_ms: q[`ms_${n}`],
        p95_ms: q[`p95_${n}`],
        baseline: `${label(s1)} (same query)`,
        baseline_median_ms: q[`ms_${s1}`],
        value: n,
        unit: "documents",
        ...(n === s100
          ? {
              note: `worst of ${Object.keys(lists.queries).length} list queries at ${n} vs ${s1}: ${worst.toFixed(2)}x`,
            }
          : {}),
      }),
    ),
  ];
}

export function hotPathRows(hot) {
  const { host, api, webhook, apps } = hot;
  return [
    row({
      name: "asset-request",
      ...host.asset,
      baseline: "same request, app row read from D1 (before the cache)",
      baseline_median_ms: host.assetD1.median_ms,
    }),
    row({
      name: "page-request",
      ...host.page,
      baseline: "same request, app row read from D1 (before the cache)",
      baseline_median_ms: host.pageD1.median_ms,
    }),
    row({
      name: "api-list",
      ...api.list,
      baseline: "bare read of the same rows in the same kind of object",
      baseline_median_ms: api.bareList.median_ms,
    }),
    row({
      name: "api-create",
      ...api.create,
      baseline: "bare insert in the same kind of object",
      baseline_median_ms: api.bareCreate.median_ms,
    }),
    row({
      name: "webhook-storm",
      ...webhook.storm,
      baseline: "one delivery",
      baseline_median_ms: webhook.single.median_ms,
      value: webhook.applied,
      unit: "events applied",
    }),
    row({
      name: "apps-100",
      ...apps.apps_100,
      baseline: "apps-1",
      baseline_median_ms: apps.apps_1.median_ms,
      value: 100,
      unit: "apps",
    }),
    row({
      name: "apps-1000",
      ...apps.apps_1000,
      baseline: "apps-1",
      baseline_median_ms: apps.apps_1.median_ms,
      value: 1000,
      unit: "apps",
    }),
    ...memoryRows(apps),
  ];
}

/**
 * The workerd process's resident memory once 1, 100 and 1,000 apps are live (the same pass as
 * apps-N): one process holds every isolate, object and SQLite cache, so the increment per app
 * over apps-1 is the figure to read, not the total. None off Linux (no /proc).
 */
function memoryRows(apps) {
  const one = apps.apps_1.rss_bytes;
  if (typeof one !== "number") return [];
  const mib = (b) => (b / 2 ** 20).toFixed(1);
  return [
    row({
      name: "memory-apps-1",
      value: one,
      unit: "bytes",
      note: "resident set (VmRSS) of the workerd process with 1 app live, after every earlier bench in it",
    }),
    ...[100, 1000].map((n) => {
      const bytes = apps[`apps_${n}`].rss_bytes;
      return row({
        name: `memory-apps-${n}`,
        baseline: "memory-apps-1 (same process)",
        ratio: bytes / one,
        value: bytes,
        unit: "bytes",
        note: `${mib(bytes)} MiB vs ${mib(one)} MiB: +${((bytes - one) / (n - 1) / 1024).toFixed(1)} KiB per app live`,
      });
    }),
  ];
}

export function serveRows(s) {
  const rows = [
    row({
      name: "publish",
      median_ms: s.publish.median,
      p95_ms: s.publish.p95,
      baseline: "GET /api/auth/me",
      baseline_median_ms: s.baseline.median,
    }),
  ];
  for (const [phase, t] of Object.entries(s.phases))
    rows.push(
      row({
        name: `publish-${phase}`,
        median_ms: t.median,
        p95_ms: t.p95,
        baseline: "publish",
        baseline_median_ms: s.publish.median,
      }),
    );
  rows.push(
    row({
      name: "api-rps",
      median_ms: s.load.median_ms,
      p95_ms: s.load.p95_ms,
      baseline: "GET /_api/app under the same load",
      baseline_median_ms: s.loadBaseline.median_ms,
      ratio: s.load.rps / s.loadBaseline.rps,
      value: Math.round(s.load.rps),
      unit: "req/s",
      note: `${s.load.errors} errors of ${s.load.requests} (baseline ${Math.round(s.loadBaseline.rps)} req/s, ${s.loadBaseline.errors} errors), ${s.load.concurrency} connections, ${s.load.seconds.toFixed(1)} s`,
    }),
    row({
      name: "app-bundle-gzip",
      value: s.appGzip,
      unit: "bytes",
      note: "the published fixture app's own JS and CSS",
    }),
    row({ name: "vendor-gzip", value: s.vendorGzip, unit: "bytes", note: "the shared React files every app loads" }),
    row({
      name: "studio-js-gzip",
      value: Math.round(s.studio.entryJsGzipKiB * 1024),
      unit: "bytes",
      note: "index.html scripts",
    }),
    row({
      name: "studio-editor-interactive",
      median_ms: s.studio.editorInteractiveMedianMs,
      baseline: null,
      value: null,
    }),
    row({
      name: "keystroke-to-preview",
      median_ms: median(s.preview.times),
      p95_ms: p95(s.preview.times),
      baseline: "the studio's own preview build (its status: Up to date · N ms)",
      baseline_median_ms: median(s.preview.builds),
      note: `${s.preview.times.length} edits of a heading in Chromium until the sandboxed frame shows them; the studio debounces ${s.preview.debounceMs} ms${s.preview.phases ? `; phases (median ms): to build start ${s.preview.phases.debounce.toFixed(0)}, build ${s.preview.phases.build.toFixed(0)}, to text in the frame ${s.preview.phases.frame.toFixed(0)}` : ""}`,
    }),
    row({
      name: "ai-first-token",
      median_ms: median(s.ai.studio),
      p95_ms: p95(s.ai.studio),
      baseline: "the same model request straight to the model stand-in",
      baseline_median_ms: median(s.ai.direct),
      note: `platform adds ${s.ai.overheadMedianMs.toFixed(0)} ms: ${s.ai.beforeModelMedianMs} ms before the model call, ${s.ai.relayMedianMs.toFixed(0)} ms from its first token to the studio's; ${s.ai.turns} turns, ${s.ai.usedTokens} of ${s.ai.limitTokens} tokens used`,
    }),
  );
  return rows;
}

/** List and search in one collection of 100k listings (test/bench/search.bench.test.ts). */
export function searchRows(search) {
  const [small, large] = search.sizes;
  const list = search.queries["list: approved listings, newest first"];
  const k = (n) => `${n / 1000}k`;
  const searches = [
    ["search-100k", "search: one common word (~1 in 8)"],
    ["search-100k-prefix", "search: a prefix of two letters (~1 in 4)"],
    ["search-100k-rare", "search: one rare word (~1 in 1000)"],
    ["search-100k-two-words", "search: two words, both required"],
    ["search-100k-no-match", "search: a word no document has"],
  ];
  return [
    row({
      name: `shop-list-${k(large)}`,
      median_ms: list[`ms_${large}`],
      p95_ms: list[`p95_${large}`],
      baseline: `the same list at ${k(small)}`,
      baseline_median_ms: list[`ms_${small}`],
      value: large,
      unit: "documents",
      note: 'sandlot-shop listings, `owner | creator | public where status = "approved"`, newest first, visitor',
    }),
    ...searches.map(([name, query]) =>
      row({
        name,
        median_ms: search.queries[query][`ms_${large}`],
        p95_ms: search.queries[query][`p95_${large}`],
        baseline: `shop-list-${k(large)} (same collection and rule, no q)`,
        baseline_median_ms: list[`ms_${large}`],
        value: large,
        unit: "documents",
        note: `${query}; at ${k(small)}: ${search.queries[query][`ms_${small}`]} ms`,
      }),
    ),
    row({
      name: `search-index-build-${k(large)}`,
      median_ms: search[`indexBuildMs_${large}`],
      baseline: `the same first search at ${k(small)}`,
      baseline_median_ms: search[`indexBuildMs_${small}`],
      value: search[`indexRows_${large}`],
      unit: "index rows",
      note: `after searchable fields change, searches index the stored documents ${2000} per request (503 search_indexing until done): ${search[`indexRequests_${large}`]} requests, the slowest ${search[`indexSlowestRequestMs_${large}`]} ms`,
    }),
  ];
}
