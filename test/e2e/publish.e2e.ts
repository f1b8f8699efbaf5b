// Saving and publishing from the workspace: the live URL serves the change, versions roll back,
// and problems found by the server's build come back as file:line.
import {
  caretLine,
  codeEditor,
  editBlank,
  expect,
  openWorkspace,
  publish,
  readFiles,
  saveFiles,
  TEMPLATE_HEADING,
  test,
  uniqueTag,
} from "./fixtures";

const INTRO = "src/blanks/Intro.tsx";

test("save", async ({ page, app, context }) => {
  const heading = `Saved ${uniqueTag()}`;
  await openWorkspace(page, app);
  await editBlank(page, "Booking intro", TEMPLATE_HEADING, heading);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  expect((await readFiles(context.request, app.slug))[INTRO]).toContain(heading);
});

test("publish, then open the live URL and see the change", async ({ page, app, context, shot }) => {
  const heading = `Live ${uniqueTag()}`;
  await openWorkspace(page, app);
  await editBlank(page, "Booking intro", TEMPLATE_HEADING, heading);
  // Publish saves first, then builds the saved sources on the server.
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText(/Published version 1/)).toBeVisible({ timeout: 60_000 });
  await shot("07-published");
  const liveLink = page.getByRole("link", { name: /Open your live app/ });
  await expect(liveLink).toHaveAttribute("href", new RegExp(`^${app.origin.replace(/[.:]/g, "\\$&")}`));
  const live = await context.newPage();
  await live.goto((await liveLink.getAttribute("href")) ?? "");
  await expect(live.getByText(heading)).toBeVisible();
  await shot("08-live");
});

test("publish a second version, roll back to the first", async ({ page, app, context, shot }) => {
  const first = `First version ${uniqueTag()}`;
  const second = `Second version ${uniqueTag()}`;
  // Version 1 comes from the API, so this test needs no other test to have published.
  const template = (await readFiles(context.request, app.slug))[INTRO] ?? "";
  expect(template).toContain(TEMPLATE_HEADING);
  await saveFiles(context.request, app.slug, { [INTRO]: template.replace(TEMPLATE_HEADING, first) });
  expect(await publish(context.request, app.slug)).toBe(1);

  await openWorkspace(page, app, { expectText: first });
  await editBlank(page, "Booking intro", first, second);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText(/Published version 2/)).toBeVisible({ timeout: 60_000 });
  const live = await context.newPage();
  await live.goto(app.origin);
  await expect(live.getByText(second)).toBeVisible();

  await page.getByTestId("versions-button").click();
  await shot("09-versions");
  await page.getByRole("menuitem", { name: "Roll back to version 1" }).click();
  // The difference comes first: the draft (second) against version 1 (first).
  const dialog = page.getByTestId("version-diff-dialog");
  await expect(dialog.getByTestId("diff-view")).toContainText(first);
  await expect(dialog.getByTestId("diff-view")).toContainText(second);
  await shot("09-rollback-diff");
  await dialog.getByRole("button", { name: "Make version 1 live" }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId("versions-button").click();
  await expect(page.getByRole("group", { name: /v1/ }).getByText("Live")).toBeVisible();
  await live.reload();
  await expect(live.getByText(first)).toBeVisible();
});

test("restoring a version shows it against the draft first; cancel keeps the draft, confirm restores", async ({
  page,
  app,
  context,
  shot,
}) => {
  const first = `Restorable ${uniqueTag()}`;
  const later = `Later draft ${uniqueTag()}`;
  const template = (await readFiles(context.request, app.slug))[INTRO] ?? "";
  await saveFiles(context.request, app.slug, { [INTRO]: template.replace(TEMPLATE_HEADING, first) });
  expect(await publish(context.request, app.slug)).toBe(1);
  await saveFiles(context.request, app.slug, { [INTRO]: template.replace(TEMPLATE_HEADING, later) });

  await openWorkspace(page, app, { expectText: later });
  await page.getByTestId("versions-button").click();
  await page.getByRole("menuitem", { name: "Restore into draft (version 1)" }).click();
  const dialog = page.getByTestId("version-diff-dialog");
  const diff = dialog.getByTestId("diff-view");
  await expect(diff).toContainText(first);
  await expect(diff).toContainText(later);
  await expect(diff.getByTestId("diff-summary")).toContainText(/1 line/);
  await shot("10-restore-diff");

  // Cancel (Escape): nothing changes, on the server or in the editor.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("versions-button")).toBeFocused();
  expect((await readFiles(context.request, app.slug))[INTRO]).toContain(later);

  await page.getByTestId("versions-button").click();
  await page.getByRole("menuitem", { name: "Restore into draft (version 1)" }).click();
  await dialog.getByRole("button", { name: "Restore version 1" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Version 1's code is back in the editor")).toBeVisible();
  expect((await readFiles(context.request, app.slug))[INTRO]).toContain(first);
});

test("publish problems come back from the server as clickable file:line", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await editBlank(page, "Booking intro", "</h1>", "</h2>");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const where = page.locator('[data-testid="publish-problems"]').locator(".problem-where").first();
  await expect(where).toHaveText(/^src\/blanks\/Intro\.tsx:\d+$/, { timeout: 60_000 });
  await shot("10-publish-problems");
  // Clickable: the problem is a jump button that puts the caret on its line.
  const line = Number(((await where.textContent()) ?? "").split(":")[1]);
  await page.locator(".blank-item", { hasText: "Theme" }).click();
  await page.locator('[data-testid="publish-problems"] .problem-jump').first().click();
  const editor = codeEditor(page);
  await expect(editor).toBeFocused();
  expect(await caretLine(page)).toBe(line);
});

test("publish shows its phases, each with its time", async ({ page, app, shot }) => {
  await openWorkspace(page, app);
  await editBlank(page, "Booking intro", TEMPLATE_HEADING, `Phases ${uniqueTag()}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const success = page.locator(".banner-success");
  await expect(success).toContainText("Published version 1", { timeout: 60_000 });
  const phases = success.getByTestId("publish-phases").locator("li");
  await expect(phases).toHaveCount(5);
  for (const [i, phase] of ["saving", "building", "checking", "uploading", "live"].entries()) {
    await expect(phases.nth(i)).toHaveAttribute("data-phase", phase);
    await expect(phases.nth(i)).toHaveAttribute("data-state", "done");
    await expect(phases.nth(i)).toContainText(/\d+ ms/);
  }
  await shot("11-publish-phases");
});
