// Issue 17: the whole journey with the Directory template, in Chromium. The creator builds and
// publishes it, adds a listing of their own and approves what visitors send from the creator-only
// review page on the live app; a visitor on a phone submits a listing, waits for approval, pays
// for the featured upgrade in test mode, and finds it first by search and category.
// Screenshots of each step: test-results/e2e/<this test>/.
import { expect, saveStep, test } from "./fixtures";
import {
  creatorStarts,
  endUserContext,
  linkFromOutbox,
  nameTheApp,
  previewShows,
  publishIt,
  signUpInPreview,
  signUpLive,
  verifyFromLink,
} from "./journey";
import type { Page } from "@playwright/test";

test.use({ viewport: { width: 1280, height: 800 } });

/** Fills the locked Add a listing form and sends it. */
async function addListing(page: Page, listing: { name: string; category: string; area: string }): Promise<void> {
  await page.getByLabel("Name").fill(listing.name);
  await page.getByLabel("Category").selectOption({ label: listing.category });
  await page.getByLabel(/Area or address/).fill(listing.area);
  await page.getByLabel(/Description/).fill(`${listing.name}, loved by the neighbourhood.`);
  await page.getByRole("button", { name: "Send for approval" }).click();
  await expect(page.getByText(`“${listing.name}” is waiting for approval`)).toBeVisible();
}

test("directory: create, publish, approve from the review page; a visitor submits, pays to feature, finds it", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Directory", baseURL ?? "");
  await previewShows(j, "Find the best of Riverside");
  const name = `Leeds Makers ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Sign up", signedInLink: "My listings" });
  await publishIt(j);

  // The creator, on the live app, with their Sandlot account's email: the review page is theirs.
  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await expect(live).toHaveTitle(name);
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await live.goto(`${j.origin}/#/submit`);
  await addListing(live, { name: "Riverside Library", category: "Arts & culture", area: "Riverside" });
  await live.getByRole("link", { name: "Review listings" }).click();
  await expect(live.getByRole("heading", { name: "Review listings" })).toBeVisible();
  await live.getByRole("button", { name: "Approve “Riverside Library”" }).click();
  await expect(live.getByText("Nothing is waiting for approval.")).toBeVisible();
  await saveStep(live, "07-creator-approved-own");

  // A visitor on a phone submits a listing: it waits, invisible to the public.
  const visitor = await endUserContext(browser);
  const v = visitor.page;
  const email = `visitor-${j.tag}@example.com`;
  await signUpLive(v, j, email, "/signup");
  await verifyFromLink(v, await linkFromOutbox(j, email, /Confirm your email/));
  await v.goto(`${j.origin}/#/submit`);
  await expect(v.getByRole("heading", { name: "Add a listing" })).toBeVisible();
  await addListing(v, { name: "Marigold Bakery", category: "Food & drink", area: "Old Town" });
  await saveStep(v, "08-visitor-submitted");
  await v.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My listings" }).click();
  await expect(v.getByText("Waiting for approval")).toBeVisible();
  await saveStep(v, "09-visitor-waiting");
  const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const a = await anonymous.newPage();
  await a.goto(`${j.origin}/#/`);
  await expect(a.getByRole("link", { name: "Riverside Library" })).toBeVisible();
  await expect(a.getByText("Marigold Bakery")).toHaveCount(0);

  // The creator approves it on the review page.
  await live.reload();
  await expect(live.getByRole("button", { name: "Approve “Marigold Bakery”" })).toBeVisible();
  await saveStep(live, "10-creator-review-queue");
  await live.getByRole("button", { name: "Approve “Marigold Bakery”" }).click();
  await expect(live.getByText("Nothing is waiting for approval.")).toBeVisible();

  // The visitor features it: the labelled test-mode payment, then back on My listings.
  await v.reload();
  await expect(v.getByText("Approved — public")).toBeVisible();
  await v.getByRole("link", { name: "Feature it" }).click();
  await expect(v.getByRole("heading", { name: "Feature this listing" })).toBeVisible();
  await saveStep(v, "11-visitor-feature-offer");
  await v.getByRole("button", { name: "Feature it for $15" }).click();
  await expect(v.getByText(/^TEST MODE — no real payment/)).toBeVisible();
  await saveStep(v, "12-test-checkout");
  await v.getByRole("button", { name: "Pay (test mode)" }).click();
  await expect(v.getByText("Payment received. Your listing is featured")).toBeVisible({ timeout: 60_000 });
  await expect(v.locator(".featured-badge")).toBeVisible();
  await saveStep(v, "13-visitor-featured");

  // Anyone now finds it first, by search and by category.
  await a.reload();
  const grid = a.getByRole("list", { name: "Listings" });
  await expect(grid.getByRole("listitem")).toHaveCount(2);
  await expect(grid.getByRole("listitem").first()).toContainText("Marigold Bakery");
  await expect(grid.getByRole("listitem").first()).toContainText("Featured");
  await a.getByLabel("Search listings").fill("marig");
  await expect(grid.getByRole("listitem")).toHaveCount(1);
  await expect(grid.getByRole("link", { name: "Marigold Bakery" })).toBeVisible();
  await saveStep(a, "14-search-finds-it");
  await a.getByLabel("Search listings").fill("");
  await a.getByRole("group", { name: "Category" }).getByRole("button", { name: "Arts & culture" }).click();
  await expect(grid.getByRole("listitem")).toHaveCount(1);
  await expect(grid.getByRole("link", { name: "Riverside Library" })).toBeVisible();
  await saveStep(a, "15-category-filter");
  await anonymous.close();
  await visitor.context.close();
});
