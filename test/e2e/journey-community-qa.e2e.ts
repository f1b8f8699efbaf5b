// Issue 17: the whole journey with the Community Q&A template, as a creator and two of their
// visitors would walk it, in Chromium. Screenshots of each step: test-results/e2e/<this test>/.
import type { Page } from "@playwright/test";
import { expect, saveStep, test } from "./fixtures";
import {
  creatorStarts,
  endUserContext,
  type Journey,
  linkFromOutbox,
  nameTheApp,
  previewShows,
  publishIt,
  signUpInPreview,
  signUpLive,
  verifyFromLink,
} from "./journey";

// The creator at a laptop size; the app's visitors on a phone (journey.ts, endUserContext).
test.use({ viewport: { width: 1280, height: 800 } });

const QUESTION = "Why are my tomato leaves curling?";
const GOOD = "Curling in a heat wave is normal: water deeply in the morning and mulch the soil.";
const SPAM = "Buy cheap followers at my shop, best prices here!";

async function visitorJoins(j: Journey, page: Page, email: string): Promise<void> {
  await signUpLive(page, j, email, "/signup");
  await verifyFromLink(page, await linkFromOutbox(j, email, /Confirm your email/));
}

test("community-qa: create, preview, publish; visitors ask, answer, vote, accept; the creator hides spam", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Community Q&A", baseURL ?? "");
  // Starter content before any data exists: the welcome blank and the example questions.
  await previewShows(j, "Ask the gardeners");
  await previewShows(j, "What is eating holes in my basil?");
  const name = `Balcony Growers ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Sign up", signedInLink: "Account" });
  await publishIt(j);

  // The creator, on the live app, with the email of their Sandlot account.
  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await expect(live).toHaveTitle(name);
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await live.getByRole("link", { name: "Moderate" }).click();
  await expect(live.getByRole("heading", { name: "Moderation" })).toBeVisible();
  await expect(live.getByText("No questions yet.")).toBeVisible();
  await saveStep(live, "07-creator-moderation-empty");

  // The asker, on a phone: signs up, asks.
  const asker = await endUserContext(browser);
  const a = asker.page;
  await visitorJoins(j, a, `asker-${j.tag}@example.com`);
  await a.goto(`${j.origin}/#/ask`);
  await a.getByLabel("Question", { exact: true }).fill(QUESTION);
  await a.getByLabel(/Details/).fill("Cherry tomatoes on a sunny balcony, leaves curl upwards since last week.");
  await a.getByRole("button", { name: "Post question" }).click();
  await expect(a.getByRole("heading", { name: QUESTION })).toBeVisible();
  await expect(a.getByText("You asked")).toBeVisible();
  await saveStep(a, "08-asker-posted-question");

  // A helper, on another phone: answers twice (once helpfully, once spam), cannot accept.
  const helper = await endUserContext(browser);
  const h = helper.page;
  await visitorJoins(j, h, `helper-${j.tag}@example.com`);
  await h.goto(`${j.origin}/#/`);
  await h.getByRole("link", { name: new RegExp(QUESTION) }).click();
  for (const text of [GOOD, SPAM]) {
    await h.getByLabel("Answer", { exact: true }).fill(text);
    await h.getByRole("button", { name: "Post answer" }).click();
    await expect(h.getByText(text)).toBeVisible();
  }
  await expect(h.getByRole("heading", { name: "2 answers" })).toBeVisible();
  await expect(h.getByRole("button", { name: "Accept this answer" })).toHaveCount(0);
  await saveStep(h, "09-helper-answered");

  // The asker votes for the good answer (one vote: pressing again withdraws it) and accepts it.
  await a.reload();
  const good = a.locator(".answer", { hasText: GOOD });
  await good.getByRole("button", { name: "Vote for this answer" }).click();
  await expect(good.locator(".vote-count")).toHaveText(/^1/);
  await expect(good.getByRole("button", { name: "Remove your vote" })).toHaveAttribute("aria-pressed", "true");
  await good.getByRole("button", { name: "Accept this answer" }).click();
  await expect(good.getByText("Accepted by the asker")).toBeVisible();
  // Accepted and voted, it is ranked first.
  await expect(a.locator(".answer").first()).toContainText(GOOD);
  await saveStep(a, "10-asker-voted-and-accepted");

  // The creator hides the spam from the moderation page; the visitors no longer see it.
  await live.reload();
  const spam = live.locator(".mod-list li", { hasText: SPAM });
  await spam.getByRole("button", { name: "Hide" }).click();
  await expect(spam.getByRole("button", { name: "Unhide" })).toBeVisible();
  await saveStep(live, "11-creator-hid-spam");
  await a.reload();
  await expect(a.getByText(GOOD)).toBeVisible();
  await expect(a.getByText(SPAM)).toHaveCount(0);
  await expect(a.getByRole("heading", { name: "1 answer" })).toBeVisible();
  await saveStep(a, "12-asker-sees-no-spam");

  // The board shows the question as answered, for a signed-out visitor too.
  const anon = await endUserContext(browser);
  await anon.page.goto(`${j.origin}/#/`);
  await expect(anon.page.getByRole("link", { name: new RegExp(QUESTION) })).toContainText("Answered");
  await saveStep(anon.page, "13-signed-out-board");
  for (const ctx of [asker, helper, anon]) await ctx.context.close();
});
