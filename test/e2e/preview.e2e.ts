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
  await expect(page.locator('iframe[data-testid="preview-frame"]')).toHaveAttribute("sandbox", "allow-scripts");
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
