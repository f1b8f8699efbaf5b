// The blank editor (CodeMirror 6): JSX highlighting that an apostrophe cannot break, undo that
// survives a file switch, unsaved edits kept across a reload, inline diagnostics, completion
// from the SDK's types, the conflict dialog for a stale save.
import {
  codeEditor,
  editorText,
  expect,
  expectEditorText,
  openWorkspace,
  readFiles,
  setEditorText,
  TEMPLATE_HEADING,
  test,
} from "./fixtures";

const INTRO = "Booking intro";
const THEME = "Theme";

test("highlighting survives an apostrophe in JSX text", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await setEditorText(
    page,
    'export default function Intro() {\n  return <p></p>;\n}\nexport const after = "still a string";\n',
  );
  // Type into the paragraph: Ctrl+Home, down one line, End, then back over `</p>;`.
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("you're all set");
  await expectEditorText(page, /<p>you're all set<\/p>;/);

  const lines = codeEditor(page).locator(":scope > .cm-line");
  // The apostrophe opens no string: nothing on its line or after it is coloured as one, but the
  // real string two lines down still is, and `export const` are still keywords.
  await expect(lines.nth(1).locator(".tok-string")).toHaveCount(0);
  await expect(lines.nth(3).locator(".tok-string")).toHaveText('"still a string"');
  await expect(lines.nth(3).locator(".tok-keyword").first()).toHaveText("export");
  await expect(lines.nth(1).locator(".tok-tag").first()).toHaveText("p");
  await shot("editor-apostrophe");
});

test("undo survives a switch to another blank and back", async ({ page, app }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await expectEditorText(page, new RegExp(TEMPLATE_HEADING));
  const original = await editorText(page);
  await codeEditor(page).click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.insertText("// undo me\n");
  await expectEditorText(page, /^\/\/ undo me\n/);

  await page.locator(".blank-item", { hasText: THEME }).click();
  await expectEditorText(page, /--/);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await expectEditorText(page, /^\/\/ undo me\n/);

  await codeEditor(page).focus();
  await page.keyboard.press("ControlOrMeta+z");
  await expect.poll(() => editorText(page)).toBe(original);
  // …and redo brings it back: the history is the file's own, intact.
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expectEditorText(page, /^\/\/ undo me\n/);
});

test("a reload offers the unsaved edit back", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await expectEditorText(page, new RegExp(TEMPLATE_HEADING));
  await codeEditor(page).click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.insertText("// kept across a reload\n");
  await expect(page.getByText("1 unsaved")).toBeVisible();
  // The tab warns before closing with unsaved changes; the reload here accepts that warning.
  page.once("dialog", (d) => void d.accept());
  // The copy in the browser is written a moment after typing stops.
  await expect
    .poll(() => page.evaluate((slug) => localStorage.getItem(`sandlot:unsaved:${slug}`) ?? "", app.slug))
    .toContain("kept across a reload");
  await page.reload();
  const banner = page.getByTestId("restore-banner");
  await expect(banner).toContainText("1 blank");
  await shot("editor-restore-offer");
  await banner.getByRole("button", { name: "Restore them" }).click();
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await expectEditorText(page, /^\/\/ kept across a reload\n/);
  await expect(page.getByText("1 unsaved")).toBeVisible();
});

test("closing the tab with unsaved changes asks first; once saved it does not", async ({ page, app, context }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await expectEditorText(page, new RegExp(TEMPLATE_HEADING));
  await codeEditor(page).click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.insertText("// not saved yet\n");
  await expect(page.getByText("1 unsaved")).toBeVisible();

  // Closing runs the page's beforeunload: the browser's "Leave site?" prompt appears. Dismissing it
  // keeps the tab open with the edit still there.
  const asked = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const prompt = await asked;
  expect(prompt.type()).toBe("beforeunload");
  await prompt.dismiss();
  expect(page.isClosed()).toBe(false);
  await expectEditorText(page, /^\/\/ not saved yet\n/);

  // Saved: nothing to lose, so closing asks nothing.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  let prompted = false;
  page.on("dialog", (d) => {
    prompted = true;
    void d.accept();
  });
  const closed = page.waitForEvent("close");
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(prompted).toBe(false);
  expect((await readFiles(context.request, app.slug))["src/blanks/Intro.tsx"]).toMatch(/^\/\/ not saved yet\n/);
});

test("a second tab's stale save gets the conflict dialog with both versions", async ({ page, app, context, shot }) => {
  const other = await context.newPage();
  await openWorkspace(page, app);
  await openWorkspace(other, app);

  // The other tab saves first.
  await other.locator(".blank-item", { hasText: INTRO }).click();
  await setEditorText(other, `export default function Intro() {\n  return <h1>From the other tab</h1>;\n}\n`);
  await other.getByRole("button", { name: "Save", exact: true }).click();
  await expect(other.getByText("All changes saved")).toBeVisible();
  await other.close();

  // This tab still has the old revision.
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await setEditorText(page, `export default function Intro() {\n  return <h1>From this tab</h1>;\n}\n`);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const dialog = page.getByTestId("conflict-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("diff-view")).toHaveCount(1);
  await expect(dialog).toContainText("From the other tab");
  await expect(dialog).toContainText("From this tab");
  await shot("editor-conflict");
  await dialog.getByRole("button", { name: "Keep mine and save" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText("All changes saved")).toBeVisible();
  expect((await readFiles(context.request, app.slug))["src/blanks/Intro.tsx"]).toContain("From this tab");
});

test("a type error shows as an inline diagnostic with TypeScript's message", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  // Valid JavaScript (so the preview still builds), wrong types: only the type checker objects.
  await setEditorText(
    page,
    'const count: number = "three";\n\nexport default function Intro() {\n  return <h1>{count}</h1>;\n}\n',
  );
  const mark = page.locator("#code-editor .cm-lintRange-error").first();
  // The first check loads the TypeScript worker: a generous bound on a busy machine.
  await expect(mark).toBeVisible({ timeout: 60_000 });
  await expect(mark).toHaveText("count");
  await mark.hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("is not assignable to type 'number'");
  await shot("editor-type-error");
});

test("autocomplete offers useCollection after useColl", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  await setEditorText(page, 'import {} from "@sandlot/sdk";\n\nexport default function Intro() {\n  \n}\n');
  // Into the function body: line 4, after its indentation.
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.type("const notes = useColl");
  const list = page.locator(".cm-tooltip-autocomplete");
  await expect(list).toBeVisible({ timeout: 60_000 });
  await expect(list.getByRole("option", { name: /useCollection/ })).toBeVisible();
  await shot("editor-autocomplete");
  await page.keyboard.press("Enter");
  await expectEditorText(page, /const notes = useCollection/);
});

test("T27: markup in a blank stays text in the editor and in the diff view", async ({ page, app }) => {
  await openWorkspace(page, app);
  await page.locator(".blank-item", { hasText: INTRO }).click();
  const hostile = `export default function Intro() {\n  return <p>hi</p>;\n}\n// <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\n`;
  await setEditorText(page, hostile);
  await expect(page.locator("#code-editor .cm-content img, #code-editor .cm-content script")).toHaveCount(0);
  await page.getByRole("button", { name: "Compare with saved" }).click();
  const diff = page.getByTestId("diff-view");
  await expect(diff).toContainText("onerror");
  await expect(diff.locator("img, script")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("the data browser lists the record an end user created, and deletes it", async ({ page, app, shot }) => {
  // An end user of the live app signs up and books, through the app's own API on its origin
  // (from a page there: Chromium resolves *.localhost, Node does not).
  await page.goto(`${app.origin}/`);
  const statuses = await page.evaluate(async (email) => {
    const post = (path: string, body: unknown) =>
      fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.200" },
        body: JSON.stringify(body),
      }).then(async (r) => `${r.status} ${r.status >= 300 ? await r.text() : ""}`);
    return [
      await post("/_api/auth/signup", { email, password: "correct horse battery staple" }),
      await post("/_api/collections/bookings", { slotId: "slot-e2e", name: "Ada from the e2e" }),
    ];
  }, `booker-${app.slug}@example.com`);
  expect(statuses.map((s) => s.slice(0, 3))).toEqual(["201", "201"]);

  await page.goto(`/apps/${app.slug}/data`);
  await page.getByRole("tab", { name: "bookings", exact: true }).click();
  const table = page.getByTestId("data-records");
  await expect(table).toContainText("Ada from the e2e");
  await expect(table).toContainText(`booker-${app.slug}@example.com`);
  await shot("data-browser");

  // The preview copy is separate and says what to do next.
  await page.getByText("Preview", { exact: true }).click();
  await expect(page.getByTestId("data-empty")).toContainText("No bookings yet in the preview");
  await page.getByText("Live app", { exact: true }).click();
  await table.getByRole("button", { name: /Delete/ }).click();
  await page.getByTestId("delete-record-dialog").getByRole("button", { name: "Delete record" }).click();
  await expect(page.getByTestId("data-empty")).toBeVisible();

  // The end user goes too, after a confirmation; their session stops working on the app.
  const email = `booker-${app.slug}@example.com`;
  await page.getByRole("tab", { name: "End users", exact: true }).click();
  const users = page.getByTestId("data-users");
  await expect(users).toContainText(email);
  await users.getByRole("button", { name: `Delete ${email}` }).click();
  const confirm = page.getByTestId("delete-user-dialog");
  await expect(confirm).toContainText(email);
  await shot("data-delete-user");
  // Cancel first: nobody is deleted.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(users).toContainText(email);
  await users.getByRole("button", { name: `Delete ${email}` }).click();
  await confirm.getByRole("button", { name: "Delete them" }).click();
  await expect(page.getByTestId("users-empty")).toContainText("Nobody has signed up to the live app yet");

  await page.goto(`${app.origin}/`);
  expect(await page.evaluate(() => fetch("/_api/auth/me").then((r) => r.status))).toBe(401);
});
