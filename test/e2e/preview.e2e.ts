// The live preview: rendered in a sandboxed frame that cannot reach the studio (T28), rebuilt on
// every edit, with build problems as file:line links into the editor.
import {
  caretLine,
  codeEditor,
  editorText,
  expectEditorText,
  setEditorText,
  editBlank,
  expect,
  openWorkspace,
  previewFrame,
  previewFrameHandle,
  TEMPLATE_HEADING,
  test,
  uniqueTag,
} from "./fixtures";

test("the live preview renders the app in a sandboxed frame", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await expect(page.locator('iframe[data-testid="preview-frame"]')).toHaveAttribute(
    "sandbox",
    "allow-scripts allow-forms",
  );
  await shot("04-workspace-preview");
});

test("T28: script in the preview cannot reach the studio", async ({ page, app }) => {
  await openWorkspace(page, app);
  const before = page.url();
  const studioNavigations: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) studioNavigations.push(f.url());
  });
  const r = await previewFrameHandle(page).evaluate(async () => {
    const out: Record<string, string> = { origin: self.origin };
    const top = window.top as Window;
    const probe = (name: string, fn: () => unknown) => {
      try {
        out[name] = `allowed:${String(fn())}`;
      } catch (e) {
        out[name] = `blocked:${(e as Error).name}`;
      }
    };
    probe("parentDocument", () => window.parent.document.title);
    probe("topDocument", () => top.document.cookie);
    probe("topHref", () => top.location.href);
    probe("cookie", () => document.cookie);
    probe("localStorage", () => window.localStorage.length);
    probe("sessionStorage", () => window.sessionStorage.length);
    probe("topNavigate", () => {
      top.location.href = "about:blank#pwned";
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
  expect(r.origin).toBe("null");
  // topNavigate: Chromium refuses the top navigation synchronously (SecurityError), so none starts.
  for (const k of [
    "parentDocument",
    "topDocument",
    "topHref",
    "cookie",
    "localStorage",
    "sessionStorage",
    "topNavigate",
    "fetchStudio",
  ]) {
    expect(r[k], k).toMatch(/^blocked/);
  }
  expect(r.popup === "allowed:null" || r.popup?.startsWith("blocked"), `popup: ${r.popup}`).toBe(true);
  // And the studio page is where it was, with its own document.
  expect(await page.evaluate(() => document.title)).toContain("Sandlot");
  expect(studioNavigations).toEqual([]);
  expect(page.url()).toBe(before);
});

test("T28: forms in the preview reach their submit handler but submit nowhere", async ({ page, app, context }) => {
  await openWorkspace(page, app);
  const before = page.url();
  const studioNavigations: string[] = [];
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) studioNavigations.push(f.url());
  });
  const fired = await previewFrameHandle(page).evaluate(() => {
    const events: string[] = [];
    // A handler that prevents the default, as the kit's forms do: it must run (allow-forms).
    const handled = document.createElement("form");
    handled.addEventListener("submit", (e) => {
      e.preventDefault();
      events.push("handled");
    });
    // Forms that do NOT prevent it, aimed at the studio's API and at the top window: the shell's
    // CSP `form-action 'none'` and the missing allow-top-navigation must stop both.
    const post = document.createElement("form");
    post.method = "post";
    post.action = "/api/auth/logout";
    post.addEventListener("submit", () => events.push("post"));
    const top = document.createElement("form");
    top.action = "/apps";
    top.target = "_top";
    top.addEventListener("submit", () => events.push("top"));
    for (const f of [handled, post, top]) {
      document.body.append(f);
      f.requestSubmit();
    }
    return events;
  });
  expect(fired).toContain("handled");
  // Give a navigation, had one started, time to land before looking.
  await page.waitForTimeout(1000);
  expect(new URL(previewFrameHandle(page).url()).pathname).toBe("/preview");
  expect(studioNavigations).toEqual([]);
  expect(page.url()).toBe(before);
  // The studio session is untouched: the logout form never reached the server.
  expect((await context.request.get("/api/auth/me")).status()).toBe(200);
});

test("edit a blank: the preview rebuilds with the change", async ({ page, app, shot }) => {
  const heading = `Sessions with E2E ${uniqueTag()}`;
  await openWorkspace(page, app);
  await editBlank(page, "Booking intro", TEMPLATE_HEADING, heading);
  await expect(previewFrame(page).getByText(heading)).toBeVisible({ timeout: 30_000 });
  await shot("05-edited");
});

test("a build problem shows as file:line and jumps to the line", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: "Booking intro" }).click();
  const editor = codeEditor(page);
  await expectEditorText(page, new RegExp(TEMPLATE_HEADING));
  const good = await editorText(page);
  const lines = good.split("\n");
  const at = lines.findIndex((l) => l.includes(TEMPLATE_HEADING));
  expect(at, "heading line").toBeGreaterThanOrEqual(0);
  lines[at] = (lines[at] ?? "").replace("</h1>", "</h2>");
  await setEditorText(page, lines.join("\n"));

  const first = page.locator('[data-testid="preview-problems"]').locator(".problem-jump").first();
  await expect(first.locator(".problem-where")).toHaveText(`src/blanks/Intro.tsx:${at + 1}`, { timeout: 30_000 });
  await shot("06-problem");
  // From another blank, the jump reopens Intro.tsx with the caret on the line.
  await page.locator(".blank-item", { hasText: "Theme" }).click();
  await first.click();
  await expect(editor).toBeFocused();
  expect(await caretLine(page)).toBe(at + 1);
  // The problem is also marked inline, on its line.
  await expect(page.locator("#code-editor .cm-lintRange-error").first()).toBeVisible();

  await setEditorText(page, good);
  await expect(page.getByTestId("preview-problems")).toHaveCount(0, { timeout: 30_000 });
  await expect(previewFrame(page).getByText(TEMPLATE_HEADING)).toBeVisible({ timeout: 30_000 });
});

test("a runtime error is reported at blank:line, the status fails, the last good render stays", async ({
  page,
  app,
  shot,
}) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: "Booking intro" }).click();
  await expectEditorText(page, new RegExp(TEMPLATE_HEADING));
  // Let the good build count as good (it has to run a moment without an error).
  await page.waitForTimeout(2000);
  const good = await editorText(page);
  const lines = good.split("\n");
  const at = lines.findIndex((l) => l.includes("return ("));
  expect(at, "return line").toBeGreaterThanOrEqual(0);
  // A blank that builds but throws when it renders, on line at + 1.
  lines.splice(at, 0, '  if (Date.now() > 0) throw new Error("The intro broke");');
  await setEditorText(page, lines.join("\n"));

  const problem = page.getByTestId("preview-runtime-error");
  await expect(problem).toContainText(`src/blanks/Intro.tsx:${at + 1}`, { timeout: 60_000 });
  await expect(problem).toContainText("The intro broke");
  await expect(page.getByTestId("preview-status")).toHaveText(/Failed/);
  await expect(problem).toContainText("The preview shows the last version that worked.");
  await expect(previewFrame(page).getByText(TEMPLATE_HEADING)).toBeVisible();
  await shot("06b-runtime-error");
  // The jump puts the caret on the line that threw.
  await problem.getByRole("button", { name: `Show src/blanks/Intro.tsx:${at + 1}` }).click();
  await expect.poll(() => caretLine(page)).toBe(at + 1);
});
