// Issue #9: the whole journey with the Booking template, as a creator and one of their visitors
// would walk it, in Chromium. Screenshots of each step: test-results/e2e/<this test>/.
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

test("booking: sign up, create, name, preview, publish, verify, add times; a visitor books, pays, books more", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Booking", baseURL ?? "");
  await previewShows(j, "Book a one-to-one session");
  const name = `Yoga with Léa ${j.tag}`;
  await nameTheApp(j, name);
  // The preview reads the name from the server: the brand blank shows it.
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Sign up", signedInLink: "My bookings" });
  await publishIt(j);

  // The creator, on the live app, with the email of their Sandlot account.
  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await expect(live).toHaveTitle(name);
  await saveStep(live, "07-live-check-inbox");
  const creatorLink = await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`));
  await verifyFromLink(live, creatorLink);
  // Now the creator rule holds: the creator's entry shows, and leads to the creator-only page.
  await live.getByRole("link", { name: "Manage times" }).click();
  await expect(live.getByRole("heading", { name: "Manage times" })).toBeVisible();
  const day = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  for (const hour of ["09", "10", "11"]) {
    const at = `${day.toISOString().slice(0, 10)}T${hour}:00`;
    await live.getByLabel("Starts").fill(at);
    await live.getByRole("button", { name: "Add time" }).click();
    await expect(live.locator(".booking-list li")).toHaveCount(Number(hour) - 8);
  }
  await saveStep(live, "08-creator-added-times");

  // A visitor: their own browser, phone-sized.
  const visitor = await endUserContext(browser);
  const v = visitor.page;
  const visitorEmail = `visitor-${j.tag}@example.com`;
  await signUpLive(v, j, visitorEmail, "/signup");
  await saveStep(v, "09-visitor-check-inbox");
  await verifyFromLink(v, await linkFromOutbox(j, visitorEmail, /Confirm your email/));
  await v.goto(`${j.origin}/#/`);
  const book = async (index: number): Promise<void> => {
    await v.locator(".slot:not([disabled])").nth(index).click();
    await v.getByLabel("Your name").fill("Visitor");
    await v.getByRole("button", { name: "Book this time" }).click();
  };
  await book(0);
  await expect(v.getByText("You're booked.")).toBeVisible();
  await book(0);
  await expect(v.getByText("You're booked.")).toBeVisible();
  await expect(v.getByText("Booked by you")).toHaveCount(2);
  // The free plan holds two bookings; the third is refused with the way up.
  await book(0);
  await expect(v.getByText(/limit of 2 bookings.*upgrade your plan/)).toBeVisible();
  await saveStep(v, "10-visitor-at-free-limit");
  await v.getByRole("button", { name: "Cancel" }).click();

  await v.getByRole("link", { name: "Account", exact: true }).click();
  await expect(v.locator(".badge", { hasText: "Free" })).toBeVisible();
  await saveStep(v, "11-visitor-account");
  await payInTestMode(j, v, "Go Pro", "Pro");
  await expect(v.locator(".badge", { hasText: "Pro" })).toBeVisible();

  // The paid feature: a third booking now goes through.
  await v.getByRole("link", { name: "Book", exact: true }).click();
  await book(0);
  await expect(v.getByText("You're booked.")).toBeVisible();
  await expect(v.getByText("Booked by you")).toHaveCount(3);
  await saveStep(v, "14-visitor-booked-on-pro");
  await visitor.context.close();
});
