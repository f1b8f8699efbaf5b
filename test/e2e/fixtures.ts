// Fixtures and helpers shared by every e2e file. Each test gets its own browser context (cookies),
// and through `creator`/`app` its own creator account and app, made through the studio API the way
// the CLI would, so no test depends on another one having run.
import { randomBytes } from "node:crypto";
import {
  expect,
  test as base,
  type APIRequestContext,
  type Frame,
  type FrameLocator,
  type Locator,
  type Page,
  type TestInfo,
} from "@playwright/test";

export { expect };

export const PASSWORD = "correct horse battery staple";
/** A line the booking template's Intro blank starts with (templates/booking/src/blanks/Intro.tsx). */
export const TEMPLATE_HEADING = "Book a one-to-one session";

export interface Creator {
  email: string;
  password: string;
}

export interface App {
  slug: string;
  name: string;
  /** `http://<slug>.localhost:<port>`: the app's own origin. */
  origin: string;
}

/** A client address of its own for one test's sign-ups (see the `context` fixture). */
export function testNetwork(): string {
  const b = randomBytes(2);
  return `198.18.${b[0]}.${b[1]}`;
}

/** A short random tag that keeps emails, slugs and headings of parallel tests apart. */
export function uniqueTag(): string {
  return randomBytes(5).toString("hex");
}

/**
 * Bound for the API calls that set a test up. Sign-up hashes a password (argon2id, ~0.5 s of CPU
 * in workerd) and publish builds the app: slow on a busy machine, so they get more than a click.
 */
const timeout = 60_000;

async function ok(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<unknown> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** Signs a new creator up through `POST /api/auth/signup`; the session cookie lands in `request`'s context. */
export async function signUpCreator(request: APIRequestContext): Promise<Creator> {
  const creator = { email: `creator-${uniqueTag()}@example.com`, password: PASSWORD };
  const headers = { "cf-connecting-ip": testNetwork() };
  await ok(await request.post("/api/auth/signup", { data: creator, timeout, headers }), "sign up");
  return creator;
}

/** Creates a booking-template app through `POST /api/apps` for the signed-in creator. */
export async function createApp(request: APIRequestContext, baseURL: string): Promise<App> {
  const tag = uniqueTag();
  const slug = `e2e-${tag}`;
  const name = `E2E ${tag}`;
  await ok(await request.post("/api/apps", { data: { slug, template: "booking", name }, timeout }), "create app");
  const port = new URL(baseURL).port;
  return { slug, name, origin: `http://${slug}.localhost:${port}` };
}

/** Saves blanks through `PUT /api/apps/:slug/files` (the others keep their content). */
export async function saveFiles(
  request: APIRequestContext,
  slug: string,
  files: Record<string, string>,
): Promise<void> {
  await ok(await request.put(`/api/apps/${slug}/files`, { data: { files }, timeout }), "save files");
}

export async function readFiles(request: APIRequestContext, slug: string): Promise<Record<string, string>> {
  const body = (await ok(await request.get(`/api/apps/${slug}/files`, { timeout }), "read files")) as {
    files: Record<string, string>;
  };
  return body.files;
}

/** Publishes the saved sources through `POST /api/apps/:slug/publish`; returns the version. */
export async function publish(request: APIRequestContext, slug: string): Promise<number> {
  const body = (await ok(await request.post(`/api/apps/${slug}/publish`, { timeout }), "publish")) as {
    version: number;
  };
  return body.version;
}

/**
 * Saves a full-page screenshot named `<name>.png` in this test's output dir
 * (test-results/e2e/<test>/) and attaches it to the report: a record of each step of a journey.
 */
export async function saveStep(page: Page, name: string, testInfo: TestInfo = base.info()): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

// --- the workspace -------------------------------------------------------------------------------

export function previewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[data-testid="preview-frame"]');
}

/** The preview's Frame object, for evaluating script inside the sandbox. */
export function previewFrameHandle(page: Page): Frame {
  const frame = page.frames().find((f) => new URL(f.url()).pathname === "/preview");
  if (!frame) throw new Error("no preview frame");
  return frame;
}

/** Opens an app's workspace and waits for the live preview to render the template. */
export async function openWorkspace(page: Page, app: App, options: { expectText?: string } = {}): Promise<void> {
  await page.goto(`/apps/${app.slug}`);
  // The first build in a fresh context compiles and initializes esbuild-wasm (14 MB), a few
  // seconds of CPU that a busy shared machine can stretch a lot: a generous bound, not a target.
  await expect(previewFrame(page).getByText(options.expectText ?? TEMPLATE_HEADING)).toBeVisible({ timeout: 90_000 });
}

/** The blank editor's editable surface (CodeMirror's content element). */
export function codeEditor(page: Page): Locator {
  return page.locator("#code-editor .cm-content");
}

/**
 * The editor's text. Blanks are short, so CodeMirror renders every line; the lines are read from
 * the DOM the way a person sees them.
 */
export async function editorText(page: Page): Promise<string> {
  return codeEditor(page).evaluate((el) =>
    [...el.querySelectorAll(":scope > .cm-line")].map((l) => l.textContent ?? "").join("\n"),
  );
}

/** Waits until the editor's text matches. */
export async function expectEditorText(page: Page, pattern: RegExp): Promise<void> {
  await expect.poll(() => editorText(page)).toMatch(pattern);
}

/** Replaces the whole text of the editor as one paste-like input (an undoable edit). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const editor = codeEditor(page);
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
  await expectEditorText(page, new RegExp(`^${escapeRegExp(text.replace(/\n+$/, ""))}`));
}

/** Opens a blank by its title and replaces `from` with `to` in the editor. */
export async function editBlank(page: Page, title: string, from: string | RegExp, to: string): Promise<void> {
  await page.locator(".blank-item", { hasText: title }).click();
  await expectEditorText(page, typeof from === "string" ? new RegExp(escapeRegExp(from)) : from);
  await setEditorText(page, (await editorText(page)).replace(from, to));
}

/** The 1-based line the editor's caret is on, read from its status line ("Ln 3, Col 1"). */
export async function caretLine(page: Page): Promise<number> {
  const text = (await page.getByTestId("caret").textContent()) ?? "";
  return Number(/Ln (\d+)/.exec(text)?.[1] ?? Number.NaN);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// --- fixtures ------------------------------------------------------------------------------------

interface Fixtures {
  /** A freshly signed-up creator; the page's context carries the session. */
  creator: Creator;
  /** A fresh booking app owned by `creator`. */
  app: App;
  /** `saveStep` bound to this test's page. */
  shot: (name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // The studio allows 10 sign-ups per client network an hour (T49), and a run signs up a creator
  // per test. In `wrangler dev` nothing stands in front of the Worker, so the client's address is
  // the CF-Connecting-IP header: each test's studio sign-ups carry their own (198.18.0.0/15, the
  // benchmarking range), as if each test ran from its own network. Only on sign-up requests: a
  // custom header on the preview's module loads would turn them into CORS preflights.
  context: async ({ context }, use) => {
    const ip = testNetwork();
    await context.route("**/api/auth/signup", (route) =>
      route.continue({ headers: { ...route.request().headers(), "cf-connecting-ip": ip } }),
    );
    await use(context);
  },

  creator: async ({ context }, use) => {
    // context.request shares the context's cookie jar, so the page is signed in too.
    await use(await signUpCreator(context.request));
  },
  app: async ({ context, creator, baseURL }, use) => {
    void creator;
    if (!baseURL) throw new Error("playwright.config.ts sets use.baseURL");
    await use(await createApp(context.request, baseURL));
  },
  shot: async ({ page }, use, testInfo) => {
    await use((name) => saveStep(page, name, testInfo));
  },
});
