// Issue 17: the whole journey with the Waitlist template in Chromium. The creator builds and
// publishes the launch page; a visitor on a phone is refused a place until they confirm their
// email, then joins and shares their link; a friend joins through it and moves them up; the
// creator sees the list. Screenshots of each step: test-results/e2e/<this test>/.
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

test.use({ viewport: { width: 1280, height: 800 } });

test("waitlist: create, preview, publish; a visitor confirms, joins and shares; a friend joins and moves them up", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Waitlist", baseURL ?? "");
  await previewShows(j, "The calm inbox for busy teams");
  const name = `Lumen ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Join", signedInLink: "My place" });
  await publishIt(j);

  // The creator on the live app, verified with their Sandlot email: the list is theirs to see.
  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await live.getByRole("link", { name: "See the list" }).click();
  await expect(live.getByRole("heading", { name: "Your waitlist" })).toBeVisible();
  await expect(live.getByText("Nobody has joined yet.")).toBeVisible();
  await saveStep(live, "07-creator-empty-list");

  // A visitor on a phone: signed up but not confirmed, the server refuses the place.
  const first = await endUserContext(browser);
  const a = first.page;
  const aEmail = `first-${j.tag}@example.com`;
  await signUpLive(a, j, aEmail, "/signup");
  await expect(a.getByText("First confirm your email")).toBeVisible();
  await a.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(a.getByText("Your email is not confirmed yet.")).toBeVisible();
  await saveStep(a, "08-visitor-refused-unconfirmed");
  await verifyFromLink(a, await linkFromOutbox(j, aEmail, /Confirm your email/));
  await a.getByLabel("Your first name").fill("Ada");
  await a.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(a.locator(".spot-number")).toContainText("#1");
  await saveStep(a, "09-visitor-first-in-line");
  const shareLink = await a.getByLabel("Your invite link").inputValue();
  expect(shareLink).toMatch(/#\/r\/[0-9a-f-]{36}$/);

  // A friend opens the link on their phone, signs up, confirms from the mail and joins.
  const second = await endUserContext(browser);
  const b = second.page;
  const bEmail = `friend-${j.tag}@example.com`;
  await b.goto(shareLink);
  await expect(b.getByText("A friend invited you")).toBeVisible();
  await saveStep(b, "10-friend-invited");
  await b.getByRole("link", { name: "Join the waitlist" }).click();
  await b.getByLabel("Email").fill(bEmail);
  await b.getByLabel("Password").fill("correct horse battery staple");
  await b.getByRole("button", { name: "Sign up" }).click();
  await expect(b.getByText("Check your inbox")).toBeVisible({ timeout: 60_000 });
  // The mail's link opens the home page: the invite is remembered across it.
  await verifyFromLink(b, await linkFromOutbox(j, bEmail, /Confirm your email/));
  await b.getByRole("button", { name: "Join the waitlist" }).click();
  await expect(b.locator(".spot-number")).toContainText("#2");
  await saveStep(b, "11-friend-joined");

  // The first visitor's referral is counted by the server.
  await a.getByRole("button", { name: "Refresh my place" }).click();
  await expect(a.getByText("1 friend has joined with your link")).toBeVisible();
  await saveStep(a, "12-visitor-moved-up");

  // The creator sees both, in line order, with names only they can read.
  await live.reload();
  await expect(live.locator(".line-table tbody tr")).toHaveCount(2);
  await expect(live.locator(".line-table tbody tr").first()).toContainText("Ada");
  await expect(live.locator(".line-table tbody tr").first().locator("td").last()).toHaveText("1");
  await expect(live.getByText("Settings → Export")).toBeVisible();
  await saveStep(live, "13-creator-sees-the-list");
  await first.context.close();
  await second.context.close();
});
