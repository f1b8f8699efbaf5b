// The `npm run eval:ai` harness (scripts/eval-ai/harness.mjs), tested against this run's platform
// and its local stand-in model server: every number it reports comes from a real turn, accept,
// publish and a render in Chromium — so a broken harness cannot report a good model.
import { formatReport, runEval, summarize } from "../../scripts/eval-ai/harness.mjs";
import { expect, test } from "./fixtures";

test("the eval harness measures build, repair, render and tokens through the public API", async ({
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("playwright.config.ts sets use.baseURL");
  const port = new URL(baseURL).port;
  const results = await runEval({
    studioUrl: baseURL,
    appUrl: (slug: string) => `http://${slug}.localhost:${port}/`,
    prompts: {
      booking: [{ blank: "src/blanks/Intro.tsx", message: 'Make the headline say "Harness check"' }],
      "saas-starter": [{ blank: "src/blanks/theme.css", message: "A calmer colour scheme" }],
    },
    browser,
  });
  expect(results).toHaveLength(2);
  for (const r of results) {
    expect(r.status).toBe(200);
    expect(r.built).toBe(true);
    expect(r.rounds).toBe(0);
    expect(r.tokens).toBeGreaterThan(0);
    expect(r.renderErrors).toEqual([]);
    expect(r.firstTextAt).toBeGreaterThanOrEqual(r.sentAt ?? 0);
  }
  const summary = summarize(results);
  expect(summary).toMatchObject({ total: 2, firstTry: 2, withinThreeRounds: 2, rendered: 2 });
  expect(formatReport(results, summary)).toContain("built on the first try: 2 (100%)");
  // The summary is not a constant: a failed turn counts against it.
  const [first] = results;
  if (!first) throw new Error("no result");
  const failed = summarize([...results, { ...first, built: false, rounds: null, renderErrors: null }]);
  expect(failed).toMatchObject({ total: 3, firstTry: 2, withinThreeRounds: 2, rendered: 2 });
});
