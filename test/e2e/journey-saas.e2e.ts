// Issue #9: the whole journey with the SaaS starter template, in Chromium. This template has no
// creator-only page (every user owns their own notes), so the creator's content is a note of
// their own; a customer signs up, fills the free plan, upgrades in test mode and keeps going.
// Screenshots of each step: test-results/e2e/<this test>/.
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

test("saas: sign up, create, name, preview, publish, verify; a customer fills the free plan, upgrades, adds more", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "SaaS starter", baseURL ?? "");
  await previewShows(j, "Your notes and tasks, in one calm place.");
  const name = `TaskNest for Teams ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, `${name} keeps what you're thinking`);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Start free", signedInLink: "Workspace" });
  await publishIt(j);

  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await expect(live).toHaveTitle(name);
  await saveStep(live, "07-live-check-inbox");
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await live.goto(`${j.origin}/#/app`);
  await live.getByLabel("New note title").fill("Welcome to the team");
  await live.getByRole("region", { name: "Notes" }).getByRole("button", { name: "Add", exact: true }).click();
  await expect(live.getByText("1 / 3")).toBeVisible();
  await saveStep(live, "08-creator-added-a-note");

  const customer = await endUserContext(browser);
  const c = customer.page;
  const email = `customer-${j.tag}@example.com`;
  await signUpLive(c, j, email, "/signup");
  await saveStep(c, "09-customer-check-inbox");
  await verifyFromLink(c, await linkFromOutbox(j, email, /Confirm your email/));
  await c.goto(`${j.origin}/#/app`);
  for (let i = 1; i <= 3; i++) {
    await c.getByLabel("New note title").fill(`Note ${i}`);
    await c.getByRole("region", { name: "Notes" }).getByRole("button", { name: "Add", exact: true }).click();
    await expect(c.getByText(`${i} / 3`)).toBeVisible();
  }
  await c.getByLabel("New note title").fill("Note 4");
  await c.getByRole("region", { name: "Notes" }).getByRole("button", { name: "Add", exact: true }).click();
  await expect(c.getByText(/limit of 3 notes.*upgrade your plan/)).toBeVisible();
  await saveStep(c, "10-customer-at-free-limit");

  await c.getByRole("link", { name: "Account & billing" }).click();
  await expect(c.locator(".badge", { hasText: "Free" })).toBeVisible();
  await saveStep(c, "11-customer-account");
  await payInTestMode(j, c, "Upgrade to Pro", "Pro");

  await c.getByRole("link", { name: "Workspace" }).click();
  await expect(c.getByText("3 / 500")).toBeVisible();
  await c.getByLabel("New note title").fill("Note 4");
  await c.getByRole("region", { name: "Notes" }).getByRole("button", { name: "Add", exact: true }).click();
  await expect(c.getByText("4 / 500")).toBeVisible();
  await saveStep(c, "14-customer-on-pro");
  await customer.context.close();

  // The creator upgrades their own Sandlot plan: the same labelled test-mode checkout and signed event.
  await page.goto("/settings");
  await expect(page.getByTestId("plan-allowance")).toContainText("Apps: 1 of 3");
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await expect(page.getByText(/^TEST MODE — no real payment/)).toBeVisible();
  await saveStep(page, "15-creator-test-checkout");
  await page.getByRole("button", { name: "Pay (test mode)" }).click();
  await expect(page).toHaveURL(/\/billing\?checkout=success/);
  await expect(page.getByText(/Payment received\. You are now on the pro plan/)).toBeVisible();
  await expect(page.getByTestId("plan-allowance")).toContainText("Apps: 1 of 50");
  await saveStep(page, "16-creator-on-pro");
});
