// Issue #9: "Forgot password?" on a live app's sign-in, the reset link opened from the outbox,
// a new password set on the app's own page, and sign-in with it. Kit + SDK, so every template.
import { expect, PASSWORD, publish, saveStep, test, uniqueTag } from "./fixtures";

const NEW_PASSWORD = "a fresh and long passphrase";

test("a reset link from the outbox sets a new password; the old one stops working", async ({
  page,
  app,
  context,
  browser,
}) => {
  test.setTimeout(300_000);
  expect(await publish(context.request, app.slug)).toBe(1);
  // An end user of the app, in their own browser.
  const user = await browser.newContext();
  const p = await user.newPage();
  const email = `forgetful-${uniqueTag()}@example.com`;
  await p.goto(`${app.origin}/#/signup`);
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill(PASSWORD);
  await p.getByRole("button", { name: "Sign up" }).click();
  await expect(p.getByText("Check your inbox")).toBeVisible({ timeout: 60_000 });
  await p.getByRole("link", { name: "Account" }).click();
  await p.getByRole("button", { name: "Sign out" }).click();
  await expect(p.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

  await p.goto(`${app.origin}/#/signin`);
  await p.getByRole("button", { name: "Forgot password?" }).click();
  await p.getByLabel("Email").fill(email);
  await p.getByRole("button", { name: "Send the link", exact: true }).click();
  await expect(p.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await saveStep(p, "01-reset-requested");

  // The creator reads the live outbox in the studio (development only) and hands the link over.
  await page.goto(`/apps/${app.slug}/mail`);
  await page.getByRole("button", { name: "Live app" }).click();
  const mail = page
    .locator(".mail-item", { hasText: email })
    .filter({ hasText: /Reset your/ })
    .first();
  await mail.locator(".mail-summary").click();
  const href = (await mail.locator(".mail-body a").first().getAttribute("href")) ?? "";
  expect(href).toMatch(new RegExp(`^${app.origin.replace(/[.:]/g, "\\$&")}/#sandlot_reset=`));

  await p.goto(href);
  await expect(p.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  expect(p.url()).not.toContain("sandlot_reset");
  // A common password is refused in plain words, and the link still works afterwards.
  await p.getByLabel(/^New password/).fill("password123");
  await p.getByRole("button", { name: "Set the new password" }).click();
  await expect(p.getByText(/one of the most common ones/)).toBeVisible({ timeout: 60_000 });
  await p.getByLabel(/^New password/).fill(NEW_PASSWORD);
  await p.getByRole("button", { name: "Set the new password" }).click();
  await expect(p.getByText("Your new password is set. Sign in with it.")).toBeVisible({ timeout: 60_000 });
  await saveStep(p, "02-new-password-set");

  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill(PASSWORD);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.getByText("Email or password is wrong.")).toBeVisible({ timeout: 60_000 });
  await p.getByLabel("Password").fill(NEW_PASSWORD);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.getByRole("link", { name: "My bookings" })).toBeVisible({ timeout: 60_000 });
  await user.close();
});
