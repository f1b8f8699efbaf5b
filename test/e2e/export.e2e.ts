// Export and import as a creator does them (issue 16): from an app's Settings in Chromium, the
// zip downloaded, imported into a new app of the same template, the records seen in its Data tab;
// and the same round trip through `sandlot export` and `sandlot import`.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { readEntry, readZipDirectory } from "../../platform/export/zip-reader";
import { runCli } from "./cli-runner";
import { type App, createApp, expect, publish, test, uniqueTag } from "./fixtures";

/** An end user of the live app signs up, uploads a picture and books twice, from a page on its origin. */
async function seedLiveApp(page: Page, app: App, email: string): Promise<void> {
  await page.goto(`${app.origin}/`);
  const statuses = await page.evaluate(async (email) => {
    const post = (path: string, body: unknown) =>
      fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": "198.51.100.201" },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9, 9]);
    const form = new FormData();
    form.append("file", new File([png], "logo.png", { type: "image/png" }));
    return [
      await post("/_api/auth/signup", { email, password: "correct horse battery staple" }),
      (await fetch("/_api/files", { method: "POST", body: form })).status,
      await post("/_api/collections/bookings", { slotId: "slot-exp-1", name: "Ada, exported" }),
      await post("/_api/collections/bookings", { slotId: "slot-exp-2", name: "=Bob, exported" }),
    ];
  }, email);
  expect(statuses).toEqual([201, 201, 201, 201]);
}

async function zipEntryText(bytes: Uint8Array, name: string): Promise<string> {
  const dir = readZipDirectory(bytes);
  if (!dir.ok) throw new Error(dir.reason);
  const e = await readEntry(dir.zip, name, 10 * 1024 * 1024);
  if (!e?.ok) throw new Error(`${name} missing`);
  return new TextDecoder().decode(e.bytes);
}

let home = "";
test.beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "sandlot-export-e2e-"));
});
test.afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

test("export from Settings, download, import into a new app, and see the data in its Data tab", async ({
  page,
  app,
  context,
  baseURL,
  shot,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await publish(context.request, app.slug);
  const email = `exported-${app.slug}@example.com`;
  await seedLiveApp(page, app, email);

  await page.goto(`/apps/${app.slug}/settings`);
  await expect(page.getByRole("heading", { name: "Export", exact: true })).toBeVisible();
  await shot("01-settings-export");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export app and data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${app.slug}-export-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
  const file = join(home, download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByText(/^Saved .*\.zip \(\d+\.\d MB\)\.$/)).toBeVisible();
  await shot("02-exported");
  const bytes = new Uint8Array(await readFile(file));
  const bookings = JSON.parse(await zipEntryText(bytes, "data/bookings.json")) as Array<{ name: string }>;
  expect(bookings.map((b) => b.name)).toEqual(["Ada, exported", "=Bob, exported"]);
  expect(await zipEntryText(bytes, "users.csv")).toContain(email);
  expect(await zipEntryText(bytes, "bundle/index.html")).toContain("<");

  // The same link cannot be used twice; the studio asks for a new one each time.
  const target = await createApp(context.request, baseURL ?? "");
  await page.goto(`/apps/${target.slug}/settings`);
  await page.getByLabel("Export zip").setInputFiles(file);
  await page.getByRole("button", { name: "Import into this app" }).click();
  await expect(page.getByText("Imported 1 user, 1 file and 0 slots, 2 bookings.")).toBeVisible({ timeout: 60_000 });
  await shot("03-imported");

  await page.goto(`/apps/${target.slug}/data`);
  await page.getByRole("tab", { name: "bookings", exact: true }).click();
  const table = page.getByTestId("data-records");
  await expect(table).toContainText("Ada, exported");
  await expect(table).toContainText("=Bob, exported");
  await expect(table).toContainText(email);
  await shot("04-data-tab-imported");
  await page.getByRole("tab", { name: "End users", exact: true }).click();
  await expect(page.getByTestId("data-users")).toContainText(email);

  // A second import of another export into the now-filled app is refused with a clear message.
  await page.goto(`/apps/${app.slug}/settings`);
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export app and data" }).click();
  const second = join(home, "second.zip");
  await (await again).saveAs(second);
  await page.goto(`/apps/${target.slug}/settings`);
  await page.getByLabel("Export zip").setInputFiles(second);
  await page.getByRole("button", { name: "Import into this app" }).click();
  await expect(page.getByRole("alert")).toContainText("already holds another import");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot("05-refused-phone");
});

/** The CLI in this test's folder; its whole output, as a creator reads it in the terminal. */
async function sandlot(
  args: string[],
  options: { url: string; token: string },
): Promise<{ code: number; out: string }> {
  const run = await runCli(args, { ...options, home });
  return { code: run.code, out: run.stdout + run.stderr };
}

test("sandlot export -o and sandlot import make the same round trip", async ({ page, app, context, baseURL }) => {
  test.setTimeout(180_000);
  const email = `cli-${uniqueTag()}@example.com`;
  await seedLiveApp(page, app, email);
  const res = await context.request.post("/api/tokens", { data: { name: `export e2e ${uniqueTag()}` } });
  const { token } = (await res.json()) as { token: string };
  const cli = { url: baseURL ?? "", token };

  const exported = await sandlot(["export", app.slug, "-o", "out.zip"], cli);
  expect(exported.code, exported.out).toBe(0);
  expect(exported.out).toMatch(new RegExp(`Exported ${app.slug} to out\\.zip \\(\\d+\\.\\d MB\\)\\.`));
  const target = await createApp(context.request, baseURL ?? "");
  const imported = await sandlot(["import", target.slug, "out.zip"], cli);
  expect(imported.code, imported.out).toBe(0);
  expect(imported.out).toContain("Imported 1 user, 1 file, 0 slots, 2 bookings.");
  expect(imported.out).toContain("Forgot password");
  // The other template is refused with the server's words.
  const other = await context.request.post("/api/apps", {
    data: { slug: `e2e-${uniqueTag()}`, template: "saas-starter", name: "Other" },
  });
  const otherSlug = ((await other.json()) as { app: { slug: string } }).app.slug;
  const refused = await sandlot(["import", otherSlug, "out.zip"], cli);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain('This export is of the template "booking"');
});
