// The data primitives of issue 17 as an end user meets them in a published app
// (test/fixtures/templates/sandlot-prims): one vote per answer with the server's count, tickets
// that stop at the event's capacity, and a listing that stays out of the public list until approved.
import { expect, PASSWORD, publish, test, uniqueTag } from "./fixtures";

test("votes, capacity and approval in a published app", async ({ page, context, creator, baseURL, shot }) => {
  void creator;
  const slug = `e2e-prims-${uniqueTag()}`;
  const created = await context.request.post("/api/apps", {
    data: { slug, template: "sandlot-prims", name: "Primitives" },
  });
  expect(created.status(), await created.text()).toBe(201);
  await publish(context.request, slug);
  const origin = `http://${slug}.localhost:${new URL(baseURL ?? "").port}`;

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(origin);
  await page.getByLabel("Email").fill(`voter-${uniqueTag()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText(/Signed in as/)).toBeVisible();

  const qa = page.getByRole("region", { name: "Answers" });
  await qa.getByRole("button", { name: "Ask a question" }).click();
  await qa.getByRole("button", { name: "Answer it" }).click();
  await expect(qa.getByText("0 votes")).toBeVisible();
  await qa.getByRole("button", { name: "Vote for Answer 1" }).click();
  await expect(qa.getByText("1 votes")).toBeVisible();
  await qa.getByRole("button", { name: "Vote for Answer 1" }).click();
  await expect(qa.getByRole("alert")).toContainText("already has the same ownerId and answerId");
  await expect(qa.getByText("1 votes")).toBeVisible();
  await shot("01-one-vote");

  const events = page.getByRole("region", { name: "Tickets" });
  await events.getByRole("button", { name: "Create an event for 2" }).click();
  const take = events.getByRole("button", { name: "Get a ticket for Launch party" });
  await take.click();
  await expect(events.getByText("1 tickets held")).toBeVisible();
  await take.click();
  await expect(events.getByText("2 tickets held")).toBeVisible();
  await take.click();
  await expect(events.getByRole("alert")).toContainText("No room left: tickets for this eventId are full");
  await expect(events.getByText("2 tickets held")).toBeVisible();
  await shot("02-capacity");

  const listings = page.getByRole("region", { name: "Listings" });
  await listings.getByLabel("Business name").fill("Corner bakery");
  await listings.getByLabel("Website").fill("javascript:alert(1)");
  await listings.getByRole("button", { name: "Submit listing" }).click();
  await expect(listings.getByRole("alert")).toBeVisible();
  await listings.getByLabel("Website").fill("https://bakery.example.com/");
  await listings.getByRole("button", { name: "Submit listing" }).click();
  await expect(listings.getByText("Corner bakery (pending)")).toBeVisible();
  await shot("03-listing-pending");

  // Signed out, the public list does not have it.
  const anonymous = await context.browser()!.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto(origin);
  await expect(visitor.getByRole("button", { name: "Sign up" })).toBeVisible();
  const listed = await visitor.evaluate(async () => {
    const res = await fetch("/_api/collections/listings");
    return { status: res.status, text: await res.text() };
  });
  expect(listed.status).toBe(200);
  expect(listed.text).not.toContain("Corner bakery");
  await anonymous.close();

  await page.setViewportSize({ width: 390, height: 844 });
  await shot("04-mobile");
});
