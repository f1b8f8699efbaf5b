/**
 * Keystroke-to-preview (part of `npm run bench`, from bench-serve.mjs): in the system Chromium
 * against the running platform, the booking app's Intro blank is edited in the Code tab (a word
 * typed into its heading, one input event) and timed until the new text is visible inside the
 * sandboxed preview iframe (an opaque origin: read through Playwright's frame API). Baseline: the
 * preview build time the studio itself reports for that edit ("Up to date · N ms", measured in its
 * build Web Worker), so the ratio says how much of a keystroke-to-preview is the build and how
 * much the debounce, the hand-over to the frame and React's render. The first build in a page
 * pays esbuild-wasm's compile and initialize; it is waited out before the first edit. The phases
 * (keystroke → "Building…" → "Up to date" → text in the frame) are marked on the page's clock.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "./bench-results.mjs";
import { browserCookies, openBrowser } from "./bench-studio.mjs";
import { root } from "./lib.mjs";

const HEADING = "Book a one-to-one session";
const BLANK = "Intro";

/** The studio's debounce between the last keystroke and the build, read from its source. */
export function buildDebounceMs() {
  const src = readFileSync(join(root, "web", "src", "preview", "usePreviewBuild.ts"), "utf8");
  const m = /BUILD_DEBOUNCE_MS = (\d+)/.exec(src);
  return m ? Number(m[1]) : null;
}

/**
 * @param {{ url: string, cookie: string, slug: string, edits: number, log: (s: string) => void }} options
 */
export async function benchPreview({ url, cookie, slug, edits, log }) {
  const browser = await openBrowser();
  const times = [];
  const builds = [];
  const phases = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies(browserCookies(url, cookie));
    const page = await context.newPage();
    // The newest preview frame: each successful build gets a fresh iframe.
    const preview = () => page.locator('iframe[data-testid="preview-frame"]').last().contentFrame();
    await page.goto(`${url}/apps/${slug}`);
    await preview().getByText(HEADING).waitFor({ timeout: 120_000 });
    await page.getByRole("tablist", { name: "Assistant or code" }).getByRole("tab", { name: "Code" }).click();
    await page.locator(".blank-item", { hasText: BLANK }).click();
    const heading = page.locator("#code-editor .cm-content > .cm-line", { hasText: "</h1>" });
    await heading.waitFor({ timeout: 30_000 });
    const status = page.getByTestId("preview-status");
    // Page-side marks, on the page's clock: the edit's input event and each status change
    // ("Building…" once the debounce fires, "Up to date" once the Web Worker's build is back).
    await page.evaluate(() => {
      const marks = { input: [], building: [], built: [] };
      window.__benchMarks = marks;
      document.addEventListener("beforeinput", (e) => marks.input.push(e.timeStamp), true);
      const el = document.querySelector('[data-testid="preview-status"]');
      new MutationObserver(() => {
        const text = el?.textContent ?? "";
        if (text.includes("Building")) marks.building.push(performance.now());
        else if (text.includes("Up to date")) marks.built.push(performance.now());
      }).observe(el, { subtree: true, childList: true, characterData: true });
    });
    for (let i = 0; i < edits; i++) {
      const word = ` edit${i}q`;
      // The caret just before `</h1>`, then the word as one input (a paste-like keystroke).
      await heading.click();
      await page.keyboard.press("End");
      for (let k = 0; k < "</h1>".length; k++) await page.keyboard.press("ArrowLeft");
      await page.evaluate(() => {
        for (const xs of Object.values(window.__benchMarks)) xs.length = 0;
      });
      const started = performance.now();
      await page.keyboard.insertText(word);
      await preview().getByText(word.trim()).waitFor({ timeout: 60_000 });
      const total = performance.now() - started;
      times.push(total);
      const m = await page.evaluate(() => window.__benchMarks);
      const input = m.input[0];
      const building = m.building.at(-1);
      const built = m.built.at(-1);
      if (input !== undefined && building !== undefined && built !== undefined)
        phases.push({ debounce: building - input, build: built - building, frame: total - (built - input) });
      const text = (await status.textContent()) ?? "";
      const ms = /Up to date · (\d+) ms/.exec(text)?.[1];
      if (ms === undefined) throw new Error(`preview status after edit ${i}: "${text}"`);
      builds.push(Number(ms));
      // Let the frame settle (the studio marks a build good after it ran a moment without error).
      await page.waitForTimeout(300);
    }
    await context.close();
  } finally {
    await browser.close();
  }
  const phase = (k) => median(phases.map((p) => p[k]));
  const result = {
    times,
    builds,
    debounceMs: buildDebounceMs(),
    phases: phases.length ? { debounce: phase("debounce"), build: phase("build"), frame: phase("frame") } : null,
  };
  log(`keystroke-to-preview: ${edits} edits of the ${BLANK} blank's heading in Chromium, until the frame shows them`);
  log(
    `  median ${median(times).toFixed(0)} ms; the studio's own build ${median(builds)} ms; debounce ${result.debounceMs} ms`,
  );
  if (result.phases)
    log(
      `  phases (median ms): keystroke to build start ${result.phases.debounce.toFixed(0)}, build ${result.phases.build.toFixed(0)}, build to text in the frame ${result.phases.frame.toFixed(0)}`,
    );
  return result;
}
