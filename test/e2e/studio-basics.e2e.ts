// The studio's own pages in Chromium: framing refused (T33), sign up, create an app, the other tabs.
import { expect, PASSWORD, test, uniqueTag } from "./fixtures";

test("T33: the studio refuses to be framed (headers)", async ({ request }) => {
  const res = await request.get("/");
  expect(res.headers()["x-frame-options"] ?? "").toMatch(/deny/i);
  expect(res.headers()["content-security-policy"] ?? "").toContain("frame-ancestors 'none'");
});

test("T33: a foreign page cannot frame the studio or the preview shell", async ({ page, baseURL }) => {
  // Each frame reports its load event to the (foreign) parent: a refused frame still loads an
  // error page, so after both loads there is nothing left to wait for.
  await page.setContent(
    `<iframe id="a" onload="this.dataset.loaded='1'" src="${baseURL}/signin"></iframe>` +
      `<iframe id="b" onload="this.dataset.loaded='1'" src="${baseURL}/preview#sandlot-preview=AAAAAAAAAAAAAAAAAAAAAAAA"></iframe>`,
  );
  await expect(page.locator("iframe#a")).toHaveAttribute("data-loaded", "1");
  await expect(page.locator("iframe#b")).toHaveAttribute("data-loaded", "1");
  const frames = page.frames().slice(1);
  expect(frames).toHaveLength(2);
  for (const f of frames) {
    const rendered = await f
      .evaluate(() => Boolean(document.getElementById("root") || document.getElementById("sandlot-shell-status")))
      .catch(() => false);
    expect(rendered, `a foreign page framed ${f.url()}`).toBe(false);
  }
});

test("sign up", async ({ page, shot }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(`creator-${uniqueTag()}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await shot("01-signup");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Your apps" })).toBeVisible();
  await shot("02-apps-empty");
});

test("create an app from a template", async ({ page, creator, shot }) => {
  void creator;
  const tag = uniqueTag();
  await page.goto("/apps");
  await page
    .getByRole("link", { name: /New app/ })
    .first()
    .click();
  await page.locator(".template-card", { hasText: "Booking" }).click();
  await page.getByLabel("App name").fill(`E2E Yoga ${tag}`);
  // The slug is suggested from the name as it is typed.
  await expect(page.getByLabel("Web address")).toHaveValue(`e2e-yoga-${tag}`);
  await shot("03-new-app");
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page).toHaveURL(`/apps/e2e-yoga-${tag}`);
});

test("other tabs open without errors (billing, mail, settings with a token shown once)", async ({
  page,
  app,
  shot,
}) => {
  // From the Settings tab, so the workspace's preview build does not run for nothing.
  await page.goto(`/apps/${app.slug}/settings`);
  await page.getByRole("link", { name: "Billing" }).click();
  await expect(page.getByRole("heading", { name: "Billing" })).toBeVisible();
  await expect(page.getByText("Getting paid")).toBeVisible();
  // Without Stripe keys the tab says plainly that payments are test payments.
  await expect(page.getByTestId("test-mode-note")).toContainText("Test mode: payments are not connected.");
  await shot("11-billing");
  await page.getByRole("link", { name: "Mail" }).click();
  await expect(page.getByRole("heading", { name: "Mail outbox" })).toBeVisible();
  await shot("12-mail");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Token name").fill("e2e laptop");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toHaveText(/^\S{21,}$/);
  await shot("13-settings-token");
  await page.getByRole("button", { name: "I've copied it" }).click();
  await expect(page.getByText("e2e laptop")).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
});
