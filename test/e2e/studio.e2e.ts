// The studio in a real browser (Chromium, headless) against a real `wrangler dev`.
// Run with `node test/e2e/run.mjs` (prepares the build, then runs this file on Node >= 22).
// Steps share one server, one browser and one creator: a failing step fails the ones after it.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { launchBrowser, startServer } from "./harness.mjs";

type Page = import("playwright-core").Page;
type Frame = import("playwright-core").Frame;

const results: Array<{ name: string; ok: boolean; error?: string }> = [];
const shotsDir = process.env.E2E_SHOTS;
let aborted = false;

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  if (aborted) {
    results.push({ name, ok: false, error: "skipped: an earlier step failed" });
    console.log(`  ✗ ${name} (skipped)`);
    return;
  }
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    results.push({ name, ok: false, error });
    console.log(`  ✗ ${name}\n      ${error.split("\n").slice(0, 8).join("\n      ")}`);
  }
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  await mkdir(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}

function previewFrame(page: Page): Frame {
  const f = page.frames().find((fr) => new URL(fr.url()).pathname === "/preview");
  if (!f) throw new Error("no preview frame");
  return f;
}

const stamp = Date.now().toString(36);
const email = `creator-${stamp}@example.com`;
const password = "correct horse battery staple";
const appName = `E2E Yoga ${stamp}`;
let slug = "";
let liveUrl = "";

console.log("▶ studio e2e: starting wrangler dev and Chromium");
const server = await startServer();
const browser = await launchBrowser();
const { origin } = server;
const page = await browser.context.newPage();
page.setDefaultTimeout(20_000);
const consoleErrors: string[] = [];
page.on("console", (m) => {
  if (m.type() === "error") consoleErrors.push(m.text());
});

try {
  await step("T33: the studio refuses to be framed (headers)", async () => {
    const res = await browser.context.request.get(`${origin}/`);
    const xfo = res.headers()["x-frame-options"] ?? "";
    const csp = res.headers()["content-security-policy"] ?? "";
    assert(/deny/i.test(xfo), `X-Frame-Options is ${JSON.stringify(xfo)}`);
    assert(/frame-ancestors 'none'/.test(csp), `CSP lacks frame-ancestors 'none': ${csp}`);
  });

  await step("T33: a foreign page cannot frame the studio or the preview shell", async () => {
    const other = await browser.context.newPage();
    await other.setContent(
      `<iframe id="a" src="${origin}/signin"></iframe><iframe id="b" src="${origin}/preview#sandlot-preview=AAAAAAAAAAAAAAAAAAAAAAAA"></iframe>`,
    );
    await other.waitForTimeout(1500);
    for (const f of other.frames().slice(1)) {
      const rendered = await f.evaluate(() => Boolean(document.getElementById("root") || document.getElementById("sandlot-shell-status"))).catch(() => false);
      assert(!rendered, `a foreign page framed ${f.url()}`);
    }
    await other.close();
  });

  await step("sign up", async () => {
    await page.goto(`${origin}/signup`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await shot(page, "01-signup");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "Your apps" }).waitFor();
    await shot(page, "02-apps-empty");
  });

  await step("create an app from a template", async () => {
    await page.getByRole("link", { name: /New app/ }).first().click();
    await page.locator(".template-card", { hasText: "Booking" }).click();
    await page.getByLabel("App name").fill(appName);
    const slugInput = page.getByLabel("Web address");
    slug = await slugInput.inputValue();
    assert(slug === `e2e-yoga-${stamp}`, `suggested slug was ${slug}`);
    await shot(page, "03-new-app");
    await page.getByRole("button", { name: "Create app" }).click();
    await page.waitForURL(`${origin}/apps/${slug}`);
  });

  await step("the live preview renders the app in a sandboxed frame", async () => {
    const frame = page.frameLocator('iframe[data-testid="preview-frame"]');
    await frame.getByText("Book a one-to-one session").waitFor({ timeout: 45_000 });
    const sandbox = await page.locator('iframe[data-testid="preview-frame"]').getAttribute("sandbox");
    assert(sandbox === "allow-scripts", `sandbox attribute is ${sandbox}`);
    await shot(page, "04-workspace-preview");
  });

  await step("T28: script in the preview cannot reach the studio", async () => {
    const frame = previewFrame(page);
    const before = page.url();
    const r = await frame.evaluate(async () => {
      const out: Record<string, string> = { origin: self.origin };
      const probe = (name: string, fn: () => unknown) => {
        try {
          out[name] = `allowed:${String(fn())}`;
        } catch (e) {
          out[name] = `blocked:${(e as Error).name}`;
        }
      };
      probe("parentDocument", () => window.parent.document.title);
      probe("topDocument", () => window.top!.document.cookie);
      probe("topHref", () => window.top!.location.href);
      probe("cookie", () => document.cookie);
      probe("localStorage", () => window.localStorage.length);
      probe("sessionStorage", () => window.sessionStorage.length);
      probe("topNavigate", () => {
        window.top!.location.href = "about:blank#pwned";
        return "assigned";
      });
      probe("popup", () => window.open("about:blank", "_blank"));
      try {
        const res = await fetch("/api/auth/me", { credentials: "include" });
        out.fetchStudio = `allowed:${res.status}`;
      } catch (e) {
        out.fetchStudio = `blocked:${(e as Error).name}`;
      }
      return out;
    });
    assert(r.origin === "null", `preview origin is ${r.origin}`);
    for (const k of ["parentDocument", "topDocument", "topHref", "cookie", "localStorage", "sessionStorage", "fetchStudio"]) {
      assert(r[k]?.startsWith("blocked"), `${k}: ${r[k]}`);
    }
    assert(r.popup === "allowed:null" || r.popup?.startsWith("blocked"), `popup: ${r.popup}`);
    await page.waitForTimeout(500);
    assert(page.url() === before, `the preview navigated the studio to ${page.url()}`);
    assert((await page.evaluate(() => document.title)).includes("Sandlot"), "studio document changed");
  });

  const heading1 = `Sessions with E2E ${stamp}`;
  const heading2 = `Second version ${stamp}`;

  const editIntro = async (from: RegExp | string, to: string) => {
    await page.locator(".blank-item", { hasText: "Booking intro" }).click();
    const editor = page.locator("#code-editor");
    const text = await editor.inputValue();
    const next = text.replace(from, to);
    assert(next !== text, `the Intro blank did not contain ${String(from)}`);
    await editor.fill(next);
  };

  await step("edit a blank: the preview rebuilds with the change", async () => {
    await editIntro("Book a one-to-one session", heading1);
    await page.frameLocator('iframe[data-testid="preview-frame"]').getByText(heading1).waitFor({ timeout: 30_000 });
    await shot(page, "05-edited");
  });

  await step("a build problem shows as file:line and jumps to the line", async () => {
    const editor = page.locator("#code-editor");
    const good = await editor.inputValue();
    const lines = good.split("\n");
    const at = lines.findIndex((l) => l.includes(heading1));
    assert(at >= 0, "heading line not found");
    lines[at] = lines[at]!.replace("</h1>", "</h2>");
    await editor.fill(lines.join("\n"));
    const problems = page.locator('[data-testid="preview-problems"]');
    await problems.waitFor({ timeout: 30_000 });
    const first = problems.locator(".problem-jump").first();
    const label = await first.locator(".problem-where").innerText();
    assert(label === `src/blanks/Intro.tsx:${at + 1}`, `problem says ${label}, expected line ${at + 1}`);
    await shot(page, "06-problem");
    await page.locator(".blank-item", { hasText: "Theme" }).click();
    await first.click();
    const caretLine = await page.locator("#code-editor").evaluate((el: HTMLTextAreaElement) => el.value.slice(0, el.selectionStart).split("\n").length);
    const focused = await page.evaluate(() => document.activeElement?.id);
    assert(focused === "code-editor", `focus is on ${focused}`);
    assert(caretLine === at + 1, `caret on line ${caretLine}, expected ${at + 1}`);
    await page.locator("#code-editor").fill(good);
    await page.frameLocator('iframe[data-testid="preview-frame"]').getByText(heading1).waitFor({ timeout: 30_000 });
  });

  await step("save", async () => {
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("All changes saved").waitFor();
    const res = await browser.context.request.get(`${origin}/api/apps/${slug}/files`);
    const body = (await res.json()) as { files: Record<string, string> };
    assert(body.files["src/blanks/Intro.tsx"]?.includes(heading1), "the saved Intro does not have the change");
  });

  await step("publish, then open the live URL and see the change", async () => {
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await page.getByText(/Published version 1/).waitFor({ timeout: 60_000 });
    await shot(page, "07-published");
    liveUrl = (await page.getByRole("link", { name: /Open your live app/ }).getAttribute("href")) ?? "";
    assert(liveUrl.startsWith(`http://${slug}.localhost:`), `live URL is ${liveUrl}`);
    const live = await browser.context.newPage();
    await live.goto(liveUrl);
    await live.getByText(heading1).waitFor({ timeout: 20_000 });
    await shot(live, "08-live");
    await live.close();
  });

  await step("publish a second version, roll back to the first", async () => {
    await editIntro(heading1, heading2);
    await page.getByRole("button", { name: "Publish", exact: true }).click(); // saves first
    await page.getByText(/Published version 2/).waitFor({ timeout: 60_000 });
    const live = await browser.context.newPage();
    await live.goto(liveUrl);
    await live.getByText(heading2).waitFor({ timeout: 20_000 });
    await page.getByTestId("versions-button").click();
    const row = page.locator(".version-row", { hasText: "v1" });
    await row.getByRole("button", { name: "Roll back" }).click();
    await shot(page, "09-versions");
    await row.getByRole("button", { name: "Make live" }).click();
    await row.getByText("Live").waitFor();
    await live.reload();
    await live.getByText(heading1).waitFor({ timeout: 20_000 });
    await live.close();
  });

  await step("publish problems come back from the server as clickable file:line", async () => {
    await page.keyboard.press("Escape");
    await editIntro("</h1>", "</h2>");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const problems = page.locator('[data-testid="publish-problems"]');
    await problems.waitFor({ timeout: 60_000 });
    const where = await problems.locator(".problem-where").first().innerText();
    assert(/^src\/blanks\/Intro\.tsx:\d+$/.test(where), `publish problem reads ${where}`);
    await shot(page, "10-publish-problems");
  });

  await step("other tabs open without errors (billing, mail, settings with a token shown once)", async () => {
    await page.getByRole("link", { name: "Billing" }).click();
    await page.getByRole("heading", { name: "Billing" }).waitFor();
    await page.getByText("Getting paid").waitFor();
    await shot(page, "11-billing");
    await page.getByRole("link", { name: "Mail" }).click();
    await page.getByRole("heading", { name: "Mail outbox" }).waitFor();
    await shot(page, "12-mail");
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Token name").fill("e2e laptop");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByTestId("new-token").innerText();
    assert(token.length > 20, "no token shown");
    await shot(page, "13-settings-token");
    await page.getByRole("button", { name: "I've copied it" }).click();
    await page.getByText("e2e laptop").waitFor();
    assert((await page.getByTestId("new-token").count()) === 0, "the token is still shown");
  });
} catch (err) {
  aborted = true;
  console.log(`harness error: ${err instanceof Error ? err.message : String(err)}`);
  results.push({ name: "harness", ok: false, error: String(err) });
} finally {
  await browser.close();
  await server.stop();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
if (failed > 0 && consoleErrors.length > 0) {
  console.log("\nbrowser console errors:\n  " + consoleErrors.slice(-15).join("\n  "));
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
