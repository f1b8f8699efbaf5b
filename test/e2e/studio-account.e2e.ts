// The creator's account in the studio: a forgotten password is reset from the mailed link (T25:
// the old password and every other session stop working), the Account screen changes the
// password, and an app is deleted from its Settings with its address typed out (T46).
import { expect, PASSWORD, publish, signUpCreator, test } from "./fixtures";

test("T25 forgot password: the mailed link sets a new password and the old one stops working", async ({
  page,
  browser,
  shot,
}) => {
  // A second browser stays signed in with the old password: the reset must end that session.
  const other = await browser.newContext();
  const creator = await signUpCreator(other.request);
  expect((await other.request.get("/api/auth/me")).status()).toBe(200);

  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(creator.email);
  await shot("01-forgot");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText(/a link to choose a new password is on its way/)).toBeVisible();
  // Development keeps the mail in the studio's mailbox, and the page shows it.
  const link = page.locator(".dev-mail a", { hasText: "/reset-password#sandlot_reset=" });
  await expect(link).toBeVisible();
  await shot("02-mail-kept");
  await link.click();

  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  // The token leaves the address bar as soon as the page has read it.
  await expect(page).toHaveURL(/\/reset-password$/);
  const fresh = "a completely different passphrase";
  await page.getByLabel("New password", { exact: true }).fill(fresh);
  await page.getByRole("button", { name: "Save the new password" }).click();
  // Saving hashes the password (argon2id): seconds on a busy machine, so a wider bound than a click's.
  await expect(page.getByText("Your password is changed.")).toBeVisible({ timeout: 60_000 });
  await shot("03-changed");

  expect((await other.request.get("/api/auth/me")).status()).toBe(401);
  await other.close();
  const old = await page.request.post("/api/auth/login", { data: { email: creator.email, password: PASSWORD } });
  expect(old.status()).toBe(401);

  await page.getByRole("link", { name: "Sign in with the new password" }).click();
  await page.getByLabel("Email").fill(creator.email);
  await page.getByLabel("Password", { exact: true }).fill(fresh);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible({ timeout: 60_000 });
});

test("T26 a reset page opened without its token, or with a used one, says what to do", async ({ page }) => {
  await page.goto("/reset-password");
  await expect(page.getByText(/This page needs the link from your reset email/)).toBeVisible();
  // A fresh load (not a same-page fragment change), as opening a mailed link is.
  await page.goto("/signin");
  await page.goto("/reset-password#sandlot_reset=not-a-real-token");
  await page.getByLabel("New password", { exact: true }).fill("a completely different passphrase");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByRole("alert")).toBeVisible({ timeout: 60_000 });
});

test("T46 deleting an app from Settings needs its address typed out, and the address then answers 410", async ({
  page,
  app,
  context,
  shot,
}) => {
  expect(await publish(context.request, app.slug)).toBe(1);
  await page.goto(`/apps/${app.slug}/settings`);
  const button = page.getByRole("button", { name: "Delete this app for good" });
  await expect(button).toBeDisabled();
  const confirm = page.getByLabel(`Type ${app.slug} to confirm`);
  await confirm.fill(`${app.slug}x`);
  await expect(button).toBeDisabled();
  await confirm.fill(app.slug);
  await shot("04-delete-confirm");
  await button.click();

  await expect(page).toHaveURL(/\/apps$/);
  await expect(page.getByText(`${app.slug} was deleted.`)).toBeVisible();
  // It was this creator's only app, so the list, once loaded, is empty.
  await expect(page.getByRole("heading", { name: "No apps yet" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: app.name })).toHaveCount(0);
  await shot("05-deleted");
  // Node does not resolve *.localhost; the browser does, as for every app origin.
  const live = await (await context.newPage()).goto(app.origin);
  expect(live?.status()).toBe(410);
  expect((await context.request.get(`/api/apps/${app.slug}`)).status()).toBe(404);
});
