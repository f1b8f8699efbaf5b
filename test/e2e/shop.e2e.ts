// One-time purchases and search as an end user sees them, on the sandlot-shop fixture published to
// its own origin: sign up, add listings, search them, buy the ebook on the dev provider's test page
// (its signed event goes through the real webhook path) and come back owning it. Screenshots at
// 1280×800 and 390×844.
import { expect, publish, PASSWORD, test, uniqueTag } from "./fixtures";

test("search listings and buy the ebook once", async ({ page, context, creator, baseURL, shot }) => {
  void creator;
  const tag = uniqueTag();
  const slug = `shop-${tag}`;
  const created = await context.request.post("/api/apps", {
    data: { slug, template: "sandlot-shop", name: `Shop ${tag}` },
    timeout: 60_000,
  });
  expect(created.ok(), await created.text()).toBe(true);
  expect(await publish(context.request, slug)).toBe(1);
  const origin = `http://${slug}.localhost:${new URL(baseURL ?? "").port}`;

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(origin);
  await page.getByLabel("Email").fill(`buyer-${tag}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Listings" })).toBeVisible();

  for (const title of ["Sourdough starter kit", "Bike repair"]) {
    await page.getByLabel("New listing").fill(title);
    await page.getByRole("button", { name: "Add listing" }).click();
    await expect(page.getByRole("list", { name: "Listings" }).getByText(title)).toBeVisible();
  }
  await page.getByLabel("Search").fill("sour");
  const list = page.getByRole("list", { name: "Listings" });
  await expect(list.getByText("Sourdough starter kit")).toBeVisible();
  await expect(list.getByText("Bike repair")).toHaveCount(0);
  await shot("01-search-1280");

  await page.getByRole("button", { name: /Buy the ebook/ }).click();
  await expect(page.getByText("TEST MODE — no real payment")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Buy The ebook" })).toBeVisible();
  await shot("02-test-checkout-1280");
  await page.getByRole("button", { name: "Pay (test mode)" }).click();
  await page.waitForURL(/purchase=success/);
  await expect(page.getByText("You own the ebook.")).toBeVisible();
  await shot("03-owned-1280");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel("Search").fill("bike");
  await expect(list.getByText("Bike repair")).toBeVisible();
  await shot("04-search-390");
});
