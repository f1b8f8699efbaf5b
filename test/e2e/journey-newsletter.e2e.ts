// Issue #9: the whole journey with the Paid newsletter template, in Chromium: the creator writes
// a post on the live app; a reader signs up, reads the preview, becomes a member in test mode and
// then reads the post in full. Screenshots of each step: test-results/e2e/<this test>/.
import { expect, saveStep, test } from "./fixtures";
import {
  creatorStarts,
  endUserContext,
  linkFromOutbox,
  nameTheApp,
  payInTestMode,
  previewShows,
  publishIt,
  signUpInPreview,
  signUpLive,
  verifyFromLink,
} from "./journey";

// The creator at a laptop size; the app's visitors on a phone (journey.ts, endUserContext).
test.use({ viewport: { width: 1280, height: 800 } });

test("newsletter: sign up, create, name, preview, publish, verify, write; a reader subscribes and reads in full", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "newsletter", baseURL ?? "");
  await previewShows(j, "Slow thinking about fast-moving things.");
  const name = `Field Notes ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Subscribe", signedInLink: "Account" });
  await publishIt(j);

  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/join");
  await expect(live).toHaveTitle(name);
  await saveStep(live, "07-live-check-inbox");
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await live.getByRole("link", { name: "Write a post" }).click();
  await expect(live.getByRole("heading", { name: "New post" })).toBeVisible();
  const title = `On gardens ${j.tag}`;
  const secret = `The whole essay, for members ${j.tag}.`;
  await live.getByLabel("Title").fill(title);
  await live.getByLabel(/^Preview/).fill("Why a garden is a slow argument.");
  await live.getByLabel(/^Full post/).fill(secret);
  await live.getByRole("button", { name: "Publish" }).click();
  // The page holds other live regions too (the "email confirmed" banner, loading lines): ask for this one.
  await expect(live.getByRole("status").filter({ hasText: "Published." })).toBeVisible();
  await saveStep(live, "08-creator-wrote-a-post");

  const reader = await endUserContext(browser);
  const r = reader.page;
  const readerEmail = `reader-${j.tag}@example.com`;
  await signUpLive(r, j, readerEmail, "/join");
  await saveStep(r, "09-reader-check-inbox");
  await verifyFromLink(r, await linkFromOutbox(j, readerEmail, /Confirm your email/));
  await r.goto(`${j.origin}/#/`);
  await r.getByText(title).click();
  await expect(r.getByRole("heading", { name: "Keep reading with a membership" })).toBeVisible();
  await expect(r.getByText(secret)).toHaveCount(0);
  await saveStep(r, "10-reader-sees-the-preview");
  await r.getByRole("link", { name: /Become a member/ }).click();
  await expect(r.locator(".badge", { hasText: "Free reader" })).toBeVisible();
  await saveStep(r, "11-reader-account");
  await payInTestMode(j, r, "Become a member", "Member");

  // The paid feature: the full post.
  await r.goto(`${j.origin}/#/`);
  await r.getByText(title).click();
  await expect(r.getByText(secret)).toBeVisible();
  await saveStep(r, "14-reader-reads-in-full");
  await reader.context.close();
});
