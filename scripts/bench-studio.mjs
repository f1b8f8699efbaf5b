/**
 * Studio bench (part of `npm run bench`): against a running platform, in the system Chromium,
 *   - first-load JS: the scripts index.html loads (entry + modulepreload), gzip-compressed;
 *   - JS loaded until the editor is interactive (gzip), which includes lazy chunks;
 *   - time to an interactive editor: navigation start → the blank editor accepts a keystroke
 *     (median of `runs` fresh page loads, warm HTTP cache off).
 * The editor is found by its label ("Code for …"), so the old textarea editor and CodeMirror are
 * measured the same way.
 */
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function gzipBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
}

/** Scripts the studio's index.html makes the browser fetch before first paint. */
async function entryScripts(url) {
  const html = await (await fetch(`${url}/`)).text();
  const srcs = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+modulepreload[^>]+href="([^"]+)"/g),
  ];
  return [...new Set(srcs.map((m) => new URL(m[1], `${url}/`).href))];
}

/** The system Chromium, headless, as the e2e tests run it. */
export function openBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
}

/** A `Cookie:` header's pairs as Playwright cookies for the studio host. */
export function browserCookies(url, cookie) {
  const host = new URL(url).hostname;
  return cookie
    .split("; ")
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf("=");
      return { name: pair.slice(0, i), value: pair.slice(i + 1), domain: host, path: "/" };
    });
}

/**
 * @param {{ url: string, cookie: string, slug: string, runs: number, log: (s: string) => void }} options
 */
export async function benchStudio({ url, cookie, slug, runs, log }) {
  const entries = await entryScripts(url);
  let entryGzip = 0;
  for (const src of entries) entryGzip += await gzipBytes(src);

  const browser = await openBrowser();
  const times = [];
  let loadedGzip = 0;
  try {
    const cookies = browserCookies(url, cookie);
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies(cookies);
      const page = await context.newPage();
      const scripts = new Set();
      page.on("response", (r) => {
        if (r.request().resourceType() === "script" && r.url().startsWith(url)) scripts.add(r.url());
      });
      await page.goto(`${url}/apps/${slug}`);
      // The middle pane opens on the assistant; a creator who types code first picks the Code tab.
      await page.getByRole("tablist", { name: "Assistant or code" }).getByRole("tab", { name: "Code" }).click();
      const editor = page.locator('[aria-label^="Code for"]').filter({ visible: true }).first();
      await editor.waitFor({ state: "visible", timeout: 60_000 }).catch(async (err) => {
        await page.screenshot({ path: "/tmp/bench-studio-fail.png" });
        throw err;
      });
      const textLength = () => {
        const el = [...document.querySelectorAll('[aria-label^="Code for"]')].find(
          (e) => e.getClientRects().length > 0,
        );
        const text = el && ("value" in el ? el.value : el.textContent);
        return typeof text === "string" ? text.length : -1;
      };
      const before = await page.evaluate(textLength);
      await editor.focus();
      await page.keyboard.type("x");
      // Interactive = the keystroke landed in the editor's text.
      await page.waitForFunction(`(${textLength})() > ${before}`);
      times.push(await page.evaluate(() => performance.now()));
      if (i === 0) for (const s of scripts) loadedGzip += await gzipBytes(s);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const result = {
    entryScripts: entries.length,
    entryJsGzipKiB: entryGzip / 1024,
    jsUntilEditorGzipKiB: loadedGzip / 1024,
    editorInteractiveMedianMs: median(times),
    editorInteractiveMinMs: Math.min(...times),
  };
  log(`studio bench: ${runs} fresh loads of /apps/<slug> in Chromium at 1280x800`);
  log(`  first-load JS (index.html scripts, ${entries.length} files) ${result.entryJsGzipKiB.toFixed(1)} KiB gzip`);
  log(`  JS loaded until the editor is interactive ${result.jsUntilEditorGzipKiB.toFixed(1)} KiB gzip`);
  log(
    `  time to an interactive editor median ${result.editorInteractiveMedianMs.toFixed(0)} ms (min ${result.editorInteractiveMinMs.toFixed(0)} ms)`,
  );
  return result;
}
