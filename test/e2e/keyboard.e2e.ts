// Menus, tabs and dialogs driven by the keyboard alone (WAI-ARIA patterns, the shared primitives
// in web/src/components: Menu, Tabs, Dialog). Each test focuses one starting control; everything
// after that is key presses.
import { expect, publish, test } from "./fixtures";

const focused = (page: import("@playwright/test").Page) => page.locator(":focus");

test("the account menu opens, moves, wraps and closes by keyboard; focus goes back to its button", async ({
  page,
  app,
}) => {
  await page.goto(`/apps/${app.slug}/data`);
  const button = page.getByRole("button", { name: /^Account menu for / });
  await button.focus();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: /Account menu for / });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(focused(page)).toHaveText("Account");
  await page.keyboard.press("ArrowDown");
  await expect(focused(page)).toHaveText("Sign out");
  await page.keyboard.press("ArrowDown");
  await expect(focused(page)).toHaveText("Account");
  await page.keyboard.press("ArrowUp");
  await expect(focused(page)).toHaveText("Sign out");
  await page.keyboard.press("Home");
  await expect(focused(page)).toHaveText("Account");
  await page.keyboard.press("End");
  await expect(focused(page)).toHaveText("Sign out");

  await page.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // ArrowUp opens on the last item; Tab closes it.
  await page.keyboard.press("ArrowUp");
  await expect(focused(page)).toHaveText("Sign out");
  await page.keyboard.press("Tab");
  await expect(menu).toHaveCount(0);

  // Enter on an item chooses it.
  await button.focus();
  await page.keyboard.press("ArrowDown");
  await expect(focused(page)).toHaveText("Account");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings$/);
});

test("the data views are one tab stop: arrows select the next tab and its panel, Home and End the ends", async ({
  page,
  app,
}) => {
  await page.goto(`/apps/${app.slug}/data`);
  const list = page.getByRole("tablist", { name: "What to show" });
  const tabs = list.getByRole("tab");
  await expect(tabs).toHaveText(["slots", "bookings", "End users", "Subscribers", "Billing events"]);
  // Roving tabindex: only the selected tab is in the Tab order.
  await expect(list.locator('[role="tab"][tabindex="0"]')).toHaveCount(1);
  const selected = list.getByRole("tab", { selected: true });
  await expect(selected).toHaveText("slots");
  await selected.focus();

  await page.keyboard.press("ArrowRight");
  await expect(focused(page)).toHaveText("bookings");
  await expect(list.getByRole("tab", { selected: true })).toHaveText("bookings");
  await expect(page.getByRole("tabpanel", { name: "bookings" })).toContainText("No bookings yet");
  await page.keyboard.press("End");
  await expect(list.getByRole("tab", { selected: true })).toHaveText("Billing events");
  await expect(page.getByRole("tabpanel", { name: "Billing events" })).toContainText("No billing events yet");
  await page.keyboard.press("ArrowRight");
  await expect(list.getByRole("tab", { selected: true })).toHaveText("slots");
  await page.keyboard.press("ArrowLeft");
  await expect(list.getByRole("tab", { selected: true })).toHaveText("Billing events");
  await page.keyboard.press("Home");
  await expect(focused(page)).toHaveText("slots");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(focused(page)).toHaveText("End users");
  await expect(list.locator('[role="tab"][tabindex="0"]')).toHaveText("End users");

  // Tab leaves the list for the panel, in one step.
  await page.keyboard.press("Tab");
  await expect(focused(page)).toHaveAttribute("role", "tabpanel");
  await expect(page.getByRole("tabpanel", { name: "End users" })).toContainText("Nobody has signed up");
});

test("a dialog opened from the versions menu keeps focus inside, closes on Escape, and focus returns", async ({
  page,
  app,
  context,
}) => {
  expect(await publish(context.request, app.slug)).toBe(1);
  await page.goto(`/apps/${app.slug}/data`);
  const versions = page.getByTestId("versions-button");
  await expect(versions).toHaveText(/v1/);
  await versions.focus();
  await page.keyboard.press("Enter");
  await expect(focused(page)).toHaveText("Restore into draft (version 1)");
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Restore version 1 into your draft?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("version-same")).toBeVisible();
  // Tab and Shift+Tab go round the dialog's controls and never leave it.
  const seen = new Set<string>();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    seen.add((await focused(page).textContent()) ?? "");
  }
  expect([...seen].sort()).toEqual(["Cancel", "Restore version 1", "×"]);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(versions).toBeFocused();

  // Opened again, Enter on Cancel closes it the same way.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(versions).toBeFocused();
});
