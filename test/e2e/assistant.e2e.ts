// The AI assistant end to end against the local stand-in model server (scripts/ai-model-server.mjs,
// which speaks the OpenAI protocol and rewrites the open blank's headline through a real
// write_blank tool call): ask, watch it stream, see the diff, accept, the preview updates, publish.
// Run at a desktop and a phone size; each step is saved as a screenshot.
import { expect, openWorkspace, previewFrame, readFiles, TEMPLATE_HEADING, test, uniqueTag } from "./fixtures";

const INTRO = "src/blanks/Intro.tsx";

for (const size of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`ask the assistant, review the diff, accept, preview, publish (${size.name})`, async ({
    page,
    app,
    context,
    shot,
  }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const phone = size.name === "phone";
    const headline = `Dog walks in the park ${uniqueTag()}`;
    if (phone) {
      // One pane at a time on a phone: the preview renders once it is the pane shown.
      await page.goto(`/apps/${app.slug}`);
      await page.getByRole("tab", { name: "Preview" }).click();
      await expect(previewFrame(page).getByText(TEMPLATE_HEADING)).toBeVisible({ timeout: 90_000 });
      await page.getByRole("tab", { name: "Blanks" }).click();
    } else await openWorkspace(page, app);
    // The open blank is the hint: the intro has the page's headline.
    await page.locator(".blank-item", { hasText: "Booking intro" }).click();
    await page.getByRole("tab", { name: "Assistant" }).click();
    const pane = page.getByTestId("assistant-pane");
    await expect(pane).toBeVisible();
    await expect(pane.getByTestId("ai-usage")).toContainText("tokens this month");
    await shot(`${size.name}-01-assistant`);

    await pane.getByLabel("Ask the assistant").fill(`Make the headline say "${headline}"`);
    await pane.getByTestId("ai-send").click();
    // Streams: the model's words appear, then the proposal with its diff.
    await expect(pane.getByText("I'll put your words in the headline of src/blanks/Intro.tsx.")).toBeVisible();
    const proposal = pane.getByTestId("ai-proposal");
    await expect(proposal).toBeVisible({ timeout: 60_000 });
    await expect(proposal.getByTestId("diff-view")).toContainText(INTRO);
    await expect(proposal.getByTestId("diff-view")).toContainText(headline);
    await shot(`${size.name}-02-proposal`);
    // Nothing changes until the creator accepts.
    expect((await readFiles(context.request, app.slug))[INTRO]).toContain(TEMPLATE_HEADING);

    await proposal.getByTestId("ai-accept").click();
    await expect(proposal).toHaveAttribute("data-status", "accepted");
    expect((await readFiles(context.request, app.slug))[INTRO]).toContain(headline);
    if (phone) await page.getByRole("tab", { name: "Preview" }).click();
    await expect(previewFrame(page).getByText(headline)).toBeVisible({ timeout: 60_000 });
    await shot(`${size.name}-03-accepted-preview`);
    // The usage line moved.
    if (phone) await page.getByRole("tab", { name: "Assistant" }).click();
    await expect(pane.getByTestId("ai-usage")).not.toContainText(/^0 \//);

    // Publish what the assistant wrote.
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByText(/Published version 1/)).toBeVisible({ timeout: 60_000 });
    const live = await context.newPage();
    await live.goto(app.origin);
    await expect(live.getByText(headline)).toBeVisible();

    // The conversation is kept across sessions.
    await page.reload();
    if (phone) await page.getByRole("tab", { name: "Assistant" }).click();
    await expect(pane.getByText(`Make the headline say "${headline}"`)).toBeVisible();
    await expect(pane.getByTestId("ai-proposal")).toHaveAttribute("data-status", "accepted");
    await shot(`${size.name}-04-history`);
  });
}
