// Issue 17: the whole journey with the Habit tracker template in Chromium. The creator builds and
// publishes it; a person on a phone tracks habits, hits the free limit, pays for Pro in test mode,
// adds more and downloads their history; the creator, signed in to the same app, sees none of it.
// Screenshots of each step: test-results/e2e/<this test>/.
import { readFileSync } from "node:fs";
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

test.use({ viewport: { width: 1280, height: 800 } });

test("habit tracker: create, preview, publish; a user ticks habits, hits the limit, goes Pro, downloads; the creator sees nothing", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Habit tracker", baseURL ?? "");
  await previewShows(j, "Small habits, every day");
  const name = `Daily ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Start tracking", signedInLink: "Account" });
  await publishIt(j);

  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await expect(live.getByText("No habits yet.")).toBeVisible();
  await saveStep(live, "07-creator-live");

  // A person on a phone.
  const user = await endUserContext(browser);
  const u = user.page;
  const email = `tracker-${j.tag}@example.com`;
  await signUpLive(u, j, email, "/signup");
  await verifyFromLink(u, await linkFromOutbox(j, email, /Confirm your email/));
  await u.goto(`${j.origin}/#/`);
  const add = async (habit: string): Promise<void> => {
    await u.getByLabel("New habit").fill(habit);
    await u.getByRole("button", { name: "Add habit" }).click();
  };
  for (const habit of ["Walk 20 minutes", "Read 10 pages", "Drink water"]) {
    await add(habit);
    await expect(u.locator(".habit", { hasText: habit })).toBeVisible();
  }
  const walk = u.getByRole("button", { name: "Done today: Walk 20 minutes" });
  await walk.click();
  await expect(walk).toHaveAttribute("aria-pressed", "true");
  await expect(u.locator(".habit", { hasText: "Walk 20 minutes" })).toContainText("1-day streak");
  await saveStep(u, "08-user-ticked");
  // The free plan holds three habits: the server refuses the fourth, the page says why.
  await add("Stretch");
  await expect(u.getByText("The free plan holds 3 habits.")).toBeVisible();
  await saveStep(u, "09-user-at-free-limit");

  await u.getByRole("link", { name: "History", exact: true }).click();
  await expect(u.getByText("comes with Pro")).toBeVisible();
  await saveStep(u, "10-history-free");
  await u.getByRole("link", { name: "See Pro" }).click();
  await payInTestMode(j, u, "Go Pro", "Pro");

  await u.getByRole("link", { name: "Today", exact: true }).click();
  await add("Stretch");
  await expect(u.locator(".habit", { hasText: "Stretch" })).toBeVisible();
  await expect(u.locator(".habit")).toHaveCount(4);
  await saveStep(u, "14-user-on-pro");

  await u.getByRole("link", { name: "History", exact: true }).click();
  const download = u.waitForEvent("download");
  await u.getByRole("button", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8");
  expect(csv.split("\r\n")[0]).toBe("day,habit");
  expect(csv).toContain('"Walk 20 minutes"');
  await saveStep(u, "15-history-downloaded");

  // Private means private: the creator of the app, signed in to it, sees no one's habits.
  await live.reload();
  await expect(live.getByText("No habits yet.")).toBeVisible();
  await expect(live.locator(".habit")).toHaveCount(0);
  await saveStep(live, "16-creator-sees-nothing");
  await user.context.close();
});
