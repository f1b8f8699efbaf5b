// Issue 17: the whole journey with the Digital downloads shop template, in Chromium. The creator
// builds and publishes the shop and uploads two products; a visitor on a phone buys one in test
// mode and downloads it, then takes All-access and downloads the other. Screenshots of each step:
// test-results/e2e/<this test>/.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
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

const HASH = { timeout: 60_000 };
const pdf = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`);

/** Adds one product with its file on the creator's Manage products page. */
async function addProduct(live: Page, title: string, summary: string): Promise<void> {
  await live.getByLabel("Title").fill(title);
  await live.getByLabel(/One-line summary/).fill(summary);
  await live
    .getByLabel(/^File/)
    .setInputFiles({ name: `${title}.pdf`, mimeType: "application/pdf", buffer: pdf(title) });
  await live.getByRole("button", { name: "Add product" }).click();
  await expect(live.getByText(`“${title}” is in the shop.`)).toBeVisible();
}

/** Clicks Download on a product page and returns the file's bytes as text. */
async function downloadIt(v: Page): Promise<string> {
  const [file] = await Promise.all([v.waitForEvent("download"), v.getByRole("link", { name: "Download" }).click()]);
  const path = await file.path();
  return readFile(path, "utf8");
}

test("downloads shop: create, publish, add products; a visitor buys one, downloads it, takes All-access", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Digital downloads shop", baseURL ?? "");
  // Starter content before any product exists: the intro blank and the empty shop.
  await previewShows(j, "Templates and guides that save you a weekend");
  await previewShows(j, "Sample products: these show until the first real product is added.");
  const name = `Mira's Printables ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Sign up", signedInLink: "My purchases" });
  await publishIt(j);

  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await expect(live).toHaveTitle(name);
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await live.getByRole("link", { name: "Manage products" }).click();
  await expect(live.getByRole("heading", { name: "Manage products" })).toBeVisible();
  await addProduct(live, "Weekly planner", "A printable week on one page");
  await addProduct(live, "Habit tracker", "Thirty days, one sheet");
  await expect(live.getByRole("list", { name: "Your products" }).getByRole("listitem")).toHaveCount(2);
  await saveStep(live, "08-creator-added-products");

  const visitor = await endUserContext(browser);
  const v = visitor.page;
  await v.goto(`${j.origin}/#/`);
  await expect(v.getByRole("list", { name: "Products" }).getByRole("listitem")).toHaveCount(2);
  await saveStep(v, "09-visitor-shop");
  const visitorEmail = `visitor-${j.tag}@example.com`;
  await signUpLive(v, j, visitorEmail, "/signup");
  await verifyFromLink(v, await linkFromOutbox(j, visitorEmail, /Confirm your email/));

  // Buy the planner once, in test mode; only then does its page offer the download.
  await v.goto(`${j.origin}/#/`);
  await v.getByRole("link", { name: /Weekly planner/ }).click();
  await expect(v.getByRole("heading", { name: "Weekly planner" })).toBeVisible();
  await expect(v.getByRole("link", { name: "Download" })).toHaveCount(0);
  await saveStep(v, "10-visitor-product-page");
  await v.getByRole("button", { name: "Buy for $12" }).click();
  await expect(v.getByText(/^TEST MODE — no real payment/)).toBeVisible();
  // The price the page showed is what template.json charges.
  await expect(v.getByText("12.00 USD")).toBeVisible();
  await saveStep(v, "11-test-checkout-product");
  await v.getByRole("button", { name: "Pay (test mode)" }).click();
  await expect(v.getByText("Payment received. Your download is ready")).toBeVisible(HASH);
  await saveStep(v, "11b-purchase-confirmed");
  await v.getByRole("link", { name: "download it now" }).click();
  await expect(v.getByText("You bought this.")).toBeVisible();
  expect(await downloadIt(v)).toContain("Weekly planner");

  await v.getByRole("link", { name: "My purchases" }).click();
  const bought = v.getByRole("region", { name: "Bought" });
  await expect(bought.getByText("Weekly planner")).toBeVisible();
  await expect(bought.getByText("Habit tracker")).toHaveCount(0);
  await saveStep(v, "11c-my-purchases");

  // The other product is still for sale; All-access opens it.
  await v.goto(`${j.origin}/#/`);
  await v.getByRole("link", { name: /Habit tracker/ }).click();
  await expect(v.getByRole("button", { name: "Buy for $12" })).toBeVisible();
  await v.getByRole("link", { name: "Account", exact: true }).click();
  await expect(v.locator(".badge", { hasText: "Pay per product" })).toBeVisible();
  await payInTestMode(j, v, "Get All-access", "All-access");
  await v.goto(`${j.origin}/#/`);
  await v.getByRole("link", { name: /Habit tracker/ }).click();
  await expect(v.getByText("Included in your All-access plan.")).toBeVisible();
  expect(await downloadIt(v)).toContain("Habit tracker");
  await v.getByRole("link", { name: "My purchases" }).click();
  await expect(v.getByRole("region", { name: "Included with All-access" }).getByText("Habit tracker")).toBeVisible();
  await saveStep(v, "14-visitor-all-access");
  await visitor.context.close();
});
