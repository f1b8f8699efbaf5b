// Steps of the creator's journey (issue #9), driven through the pages a person uses: the studio's
// forms, the preview frame, the live app and its mails in the studio's outbox. Each journey file
// (journey-*.e2e.ts) strings them together for one template; screenshots of each step land in
// test-results/e2e/<test>/ through saveStep.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, PASSWORD, previewFrame, saveStep, uniqueTag } from "./fixtures";

/** Generous bounds for steps that build (esbuild-wasm in the page, or the server's publish). */
const BUILD = 90_000;
/** Sign-up hashes a password (argon2id, ~0.5 s of CPU alone): on a shared, busy machine, far more. */
const HASH = { timeout: 60_000 };

export interface Journey {
  tag: string;
  studio: Page;
  creatorEmail: string;
  slug: string;
  origin: string;
  name: string;
}

/** The creator signs up in the studio, creates an app from `templateTitle`, and lands in its workspace. */
export async function creatorStarts(page: Page, templateTitle: string, baseURL: string): Promise<Journey> {
  const tag = uniqueTag();
  const creatorEmail = `creator-${tag}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Email").fill(creatorEmail);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible(HASH);
  await saveStep(page, "01-studio-signed-up");

  await page
    .getByRole("link", { name: /New app/ })
    .first()
    .click();
  // The limit is shown before the action, with the way up.
  await expect(page.getByTestId("app-allowance")).toHaveText(/You have 0 of 3 apps on the free plan\. Upgrade to Pro/);
  await page.locator(".template-card", { hasText: templateTitle }).click();
  await page.getByLabel("App name").fill(`Journey ${tag}`);
  const slug = await page.getByLabel("Web address").inputValue();
  expect(slug).toBe(`journey-${tag}`);
  await saveStep(page, "02-new-app");
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page).toHaveURL(`/apps/${slug}`);
  const port = new URL(baseURL).port;
  return { tag, studio: page, creatorEmail, slug, origin: `http://${slug}.localhost:${port}`, name: `Journey ${tag}` };
}

/** Renames the app in Settings; the slug stays. */
export async function nameTheApp(j: Journey, name: string): Promise<void> {
  const page = j.studio;
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByText("the address cannot be changed")).toBeVisible();
  const field = page.getByLabel("Name", { exact: true });
  await field.fill(name);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText(`Your app now goes by “${name}”`)).toBeVisible();
  await expect(page.locator(".ws-app-name")).toHaveText(name);
  await saveStep(page, "03-named");
  j.name = name;
  await page.getByRole("link", { name: "Edit" }).click();
}

/** Waits for the preview to show `text` (the first build compiles esbuild-wasm: slow on a busy machine). */
export async function previewShows(j: Journey, text: string | RegExp): Promise<void> {
  await expect(previewFrame(j.studio).getByText(text).first()).toBeVisible({ timeout: BUILD });
}

/** Signs a test user up inside the preview frame: its forms must work there (item 2). */
export async function signUpInPreview(j: Journey, options: { signupLink: string | RegExp; signedInLink: string }) {
  const frame = previewFrame(j.studio);
  await frame.getByRole("link", { name: options.signupLink }).first().click();
  await frame.getByLabel("Email").fill(`preview-${j.tag}@example.com`);
  await frame.getByLabel("Password").fill(PASSWORD);
  await frame.getByRole("button", { name: "Sign up" }).click();
  await expect(frame.getByRole("link", { name: options.signedInLink })).toBeVisible(HASH);
  await expect(frame.getByText("Check your inbox")).toBeVisible();
  await saveStep(j.studio, "05-signed-up-in-preview");
}

export async function publishIt(j: Journey): Promise<void> {
  await j.studio.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(j.studio.getByText(/Published version 1/)).toBeVisible({ timeout: BUILD });
  await saveStep(j.studio, "06-published");
}

/** Signs up on the live app through its own sign-up page. */
export async function signUpLive(page: Page, j: Journey, email: string, signupRoute: string): Promise<void> {
  await page.goto(`${j.origin}/#${signupRoute}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Check your inbox")).toBeVisible(HASH);
}

/**
 * Opens the studio's Mail tab on the live app's outbox, expands the newest mail to `to`, and
 * returns the link in it (the page follows it in the browser context of whoever the mail is for).
 */
export async function linkFromOutbox(j: Journey, to: string, subject: RegExp): Promise<string> {
  const page = j.studio;
  await page.goto(`/apps/${j.slug}/mail`);
  await page.getByRole("button", { name: "Live app" }).click();
  const item = page.locator(".mail-item", { hasText: to }).filter({ hasText: subject }).first();
  await expect(item).toBeVisible();
  await item.locator(".mail-summary").click();
  const href = await item.locator(".mail-body a").first().getAttribute("href");
  if (!href) throw new Error(`no link in the mail to ${to}`);
  expect(href.startsWith(`${j.origin}/#sandlot_`)).toBe(true);
  return href;
}

/** Opens a mail link in `page` and waits for the app to confirm the address. */
export async function verifyFromLink(page: Page, href: string): Promise<void> {
  await page.goto(href);
  await expect(page.getByText("Your email is confirmed.")).toBeVisible();
  // The token left the address bar.
  expect(page.url()).not.toContain("sandlot_verify");
  await expect(page.getByText("Check your inbox")).toHaveCount(0);
}

/** On the app's account page: start checkout, pay on the labelled test-mode page, come back. */
export async function payInTestMode(j: Journey, page: Page, choose: string, planName: string): Promise<void> {
  await page.getByRole("button", { name: choose }).click();
  await expect(page.getByText(/^TEST MODE — no real payment/)).toBeVisible();
  await saveStep(page, "12-test-checkout");
  await page.getByRole("button", { name: "Pay (test mode)" }).click();
  // Back on the app's account page; once the plan shows, the page drops the checkout query.
  await expect(page.getByText(`Your ${planName} plan is active`)).toBeVisible(HASH);
  await expect(page).toHaveURL(new RegExp(`^${j.origin.replace(/[.:]/g, "\\$&")}/#/account$`));
  await saveStep(page, "13-plan-confirmed");
}

/** A second person, in a browser context of their own (no shared cookies). */
export async function endUserContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  return { context, page: await context.newPage() };
}
