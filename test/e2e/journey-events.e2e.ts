// Issue 17: the whole journey with the Events template, as a creator and one of their visitors
// would walk it, in Chromium. Screenshots of each step: test-results/e2e/<this test>/.
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

/** The event starts in the evening (a datetime-local value is `<day>T<hh:mm>`). */
const EVENING = "19:30";

// The creator at a laptop size; the app's visitors on a phone (journey.ts, endUserContext).
test.use({ viewport: { width: 1280, height: 800 } });

test("events: sign up, create, name, preview, publish, verify, add events; a visitor RSVPs, buys a ticket, shows it at the door", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Events and tickets", baseURL ?? "");
  await previewShows(j, "Evenings worth leaving the house for");
  const name = `Supper Club ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Sign up", signedInLink: "My tickets" });
  await publishIt(j);

  // The creator, on the live app, with the email of their Sandlot account.
  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await expect(live).toHaveTitle(name);
  const creatorLink = await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`));
  await verifyFromLink(live, creatorLink);
  await live.getByRole("link", { name: "Manage events" }).click();
  await expect(live.getByRole("heading", { name: "Manage events" })).toBeVisible();
  const day = new Date(Date.now() + 5 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const addEvent = async (title: string, places: number, paid: boolean, count: number): Promise<void> => {
    await live.getByLabel("Title").fill(title);
    await live.getByLabel("Starts").fill(`${day}T${EVENING}`);
    await live.getByLabel("Places").fill(String(places));
    await live.getByLabel("Where").fill("The Old Bakery, 12 Mill Lane");
    if (paid) await live.getByLabel(/Paid tickets/).check();
    else await live.getByLabel(/Paid tickets/).uncheck();
    await live.getByRole("button", { name: "Add event" }).click();
    await expect(live.locator(".event-admin li")).toHaveCount(count);
  };
  await addEvent("Open mic night", 2, false, 1);
  await addEvent("Autumn supper", 12, true, 2);
  await saveStep(live, "08-creator-added-events");

  // A visitor: their own browser, phone-sized.
  const visitor = await endUserContext(browser);
  const v = visitor.page;
  const visitorEmail = `visitor-${j.tag}@example.com`;
  await signUpLive(v, j, visitorEmail, "/signup");
  await verifyFromLink(v, await linkFromOutbox(j, visitorEmail, /Confirm your email/));
  await v.goto(`${j.origin}/#/`);
  await expect(v.getByText("Free, RSVP · 2 places left")).toBeVisible();
  await saveStep(v, "09-visitor-events");

  // A free RSVP: the ticket page shows the code the door checks.
  await v.getByRole("link", { name: /Open mic night/ }).click();
  await v.getByRole("button", { name: "RSVP" }).click();
  await v.getByLabel("Name on the ticket").fill("Robin Visitor");
  await v.getByRole("button", { name: "Confirm RSVP" }).click();
  await expect(v.getByRole("heading", { name: "Open mic night" })).toBeVisible();
  await expect(v.getByRole("status").filter({ hasText: "Valid ticket" })).toBeVisible();
  const rsvpCode = (await v.locator(".ticket-code code").textContent()) ?? "";
  expect(rsvpCode).toMatch(/^[0-9A-F-]{36}$/);
  await saveStep(v, "10-visitor-rsvp-ticket");
  await v.getByRole("link", { name: "Events", exact: true }).click();
  await expect(v.getByText("Free, RSVP · 1 place left")).toBeVisible();

  // A paid ticket: the place is held, then paid on the test-mode checkout page.
  await v.getByRole("link", { name: /Autumn supper/ }).click();
  await expect(v.getByText("$15")).toBeVisible();
  await v.getByRole("button", { name: "Buy a ticket" }).click();
  await v.getByLabel("Name on the ticket").fill("Robin Visitor");
  await saveStep(v, "11-visitor-buys");
  await v.getByRole("button", { name: "Hold my place and pay" }).click();
  await expect(v.getByText(/^TEST MODE — no real payment/)).toBeVisible();
  await saveStep(v, "12-test-checkout");
  await v.getByRole("button", { name: "Pay (test mode)" }).click();
  // Back in the app: it waits for the verified payment, then opens the ticket.
  await expect(v.getByRole("heading", { name: "Autumn supper" })).toBeVisible({ timeout: 60_000 });
  await expect(v.getByRole("status").filter({ hasText: "Valid ticket" })).toBeVisible();
  const paidCode = (await v.locator(".ticket-code code").textContent()) ?? "";
  await saveStep(v, "13-visitor-paid-ticket");
  await v.getByRole("link", { name: "My tickets" }).first().click();
  await expect(v.locator(".ticket-list li")).toHaveCount(2);
  await saveStep(v, "14-visitor-my-tickets");

  // At the door: the creator checks the code and lets the visitor in, once.
  await live.reload();
  await live
    .locator(".event-admin li", { hasText: "Autumn supper" })
    .getByRole("link", { name: "Tickets and door" })
    .click();
  await expect(live.getByText("Robin Visitor")).toBeVisible();
  await live.getByLabel("Ticket code").fill(paidCode);
  await live.getByRole("button", { name: "Check", exact: true }).click();
  const answer = live.locator(".door-answer");
  await expect(answer).toContainText("Valid ticket");
  await saveStep(live, "15-door-valid");
  await answer.getByRole("button", { name: "Check in" }).click();
  await expect(live.locator(".ticket-list li").first()).toContainText("Already checked in");
  await live.getByLabel("Ticket code").fill(rsvpCode);
  await live.getByRole("button", { name: "Check", exact: true }).click();
  await expect(answer).toContainText("No ticket for this event has that code.");
  await saveStep(live, "16-door-checked-in");
  await visitor.context.close();
});
