// Issue #17: the whole journey with the Online course template, in Chromium: the creator sees the
// sample syllabus in the preview, publishes, and writes a free and a paid lesson on the live app;
// a student on a phone reads the free preview, is stopped at the paid lesson, becomes a student in
// test mode, finishes both lessons and opens the certificate. Screenshots: test-results/e2e/<test>/.
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

// The creator at a laptop size; the app's visitors on a phone (journey.ts, endUserContext).
test.use({ viewport: { width: 1280, height: 800 } });

test("course: sign up, create, name, preview samples, publish, verify, write lessons; a student pays, finishes and gets the certificate", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const j = await creatorStarts(page, "Online course", baseURL ?? "");
  // Starter content: sample lessons before the creator has written any.
  await previewShows(j, "Sample lessons: these show until the first real lesson is added.");
  await previewShows(j, "Welcome: what you will make");
  const name = `Sketch School ${j.tag}`;
  await nameTheApp(j, name);
  await previewShows(j, name);
  await saveStep(page, "04-preview-named");
  await signUpInPreview(j, { signupLink: "Sign up", signedInLink: "Certificate" });
  await publishIt(j);

  // The creator, on the live app, with the email of their Sandlot account.
  const live = await page.context().newPage();
  await signUpLive(live, j, j.creatorEmail, "/signup");
  await expect(live).toHaveTitle(name);
  await saveStep(live, "07-live-check-inbox");
  await verifyFromLink(live, await linkFromOutbox(j, j.creatorEmail, new RegExp(`Confirm your email for ${name}`)));
  await live.getByRole("link", { name: "Manage lessons" }).click();
  await expect(live.getByRole("heading", { name: "Manage lessons" })).toBeVisible();
  const secret = `Shade with the side of the pencil ${j.tag}.`;
  const lessons = [
    { title: "Holding the pencil", body: "Hold it loosely, far from the tip.", free: true },
    { title: "Light and shadow", body: secret, free: false },
  ];
  for (const [i, l] of lessons.entries()) {
    await live.getByLabel("Title").fill(l.title);
    await live.getByLabel(/^Lesson content/).fill(l.body);
    if (l.free) await live.getByLabel(/^Free preview/).check();
    await live.getByRole("button", { name: "Add lesson" }).click();
    await expect(live.getByRole("status").filter({ hasText: `Added “${l.title}”.` })).toBeVisible();
    await expect(live.locator(".manage-list li")).toHaveCount(i + 1);
  }
  await saveStep(live, "08-creator-wrote-lessons");

  // A student: their own browser, phone-sized.
  const student = await endUserContext(browser);
  const s = student.page;
  const studentEmail = `student-${j.tag}@example.com`;
  await signUpLive(s, j, studentEmail, "/signup");
  await saveStep(s, "09-student-check-inbox");
  await verifyFromLink(s, await linkFromOutbox(j, studentEmail, /Confirm your email/));
  await s.goto(`${j.origin}/#/`);
  await expect(s.getByText("0 of 2 lessons done")).toBeVisible();
  await expect(s.getByText("Sample lessons")).toHaveCount(0);
  await saveStep(s, "10-student-syllabus");

  // The free preview opens; marking it done counts.
  await s.getByRole("link", { name: /^Lesson 1: Holding the pencil/ }).click();
  await expect(s.getByText("Hold it loosely, far from the tip.")).toBeVisible();
  await s.getByRole("button", { name: "Mark lesson as done" }).click();
  await expect(s.getByRole("button", { name: "Mark as not done" })).toBeVisible();
  // The paid lesson: the server sent no content, so the pitch shows.
  await s.getByRole("link", { name: /^Next: Light and shadow/ }).click();
  await expect(s.getByRole("heading", { name: "This lesson is for students" })).toBeVisible();
  await expect(s.getByText(secret)).toHaveCount(0);
  await saveStep(s, "11-student-stopped-at-paid-lesson");
  await s.getByRole("link", { name: /Become a student/ }).click();
  await expect(s.locator(".badge", { hasText: "Free" })).toBeVisible();
  await payInTestMode(j, s, "Become a student", "Student");

  // The paid feature: the lesson's content, then the certificate.
  await s.getByRole("link", { name: "Lessons", exact: true }).click();
  await s.getByRole("link", { name: /^Lesson 2: Light and shadow/ }).click();
  await expect(s.getByText(secret)).toBeVisible();
  await s.getByRole("button", { name: "Mark lesson as done" }).click();
  await expect(s.getByText("you finished the course!")).toBeVisible();
  await saveStep(s, "14-student-finished");
  await s.getByRole("link", { name: "See your certificate" }).click();
  await s.getByLabel("Name on the certificate").fill("Ada Student");
  const certificate = s.getByRole("region", { name: "Certificate of completion" });
  await expect(certificate.getByText("Ada Student")).toBeVisible();
  await expect(certificate.getByText(`completed all 2 lessons of ${name}`)).toBeVisible();
  await saveStep(s, "15-student-certificate");
  await student.context.close();
});
