// Custom domains in Chromium (docs/domains.md, T55): the creator adds shop-<tag>.sim.localhost in the
// app's Settings, proves it with the TXT record (set on the local DoH stand-in that serve.mjs runs,
// as the creator's DNS provider would), presses Verify, watches Cloudflare's (stand-in's)
// certificate go live, and the app is served there; an end user signs up on the domain and gets a
// host-only cookie and a verify link on the domain; the slug address sends visitors there; and
// once the domain is removed it stops answering at once.
import { expect, PASSWORD, publish, saveStep, test, uniqueTag } from "./fixtures";

const standin = `http://127.0.0.1:${process.env.SANDLOT_E2E_DOMAINS_PORT}`;

async function setTxt(name: string, value: string): Promise<void> {
  const res = await fetch(`${standin}/__control/txt`, {
    method: "POST",
    body: JSON.stringify({ name, values: [value] }),
  });
  expect(res.status).toBe(200);
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`T55 a custom domain is added, verified, served and removed (${viewport.name})`, async ({
    page,
    app,
    context,
    browser,
    baseURL,
    shot,
  }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(viewport);
    expect(await publish(context.request, app.slug)).toBe(1);
    const port = new URL(baseURL ?? "").port;
    const hostname = `shop-${uniqueTag()}.sim.localhost`;
    const domainOrigin = `http://${hostname}:${port}`;

    await page.goto(`/apps/${app.slug}/settings`);
    const panel = page.getByTestId("domain-panel");
    await expect(panel.getByRole("heading", { name: "Custom domain" })).toBeVisible();
    await panel.getByRole("textbox", { name: "Domain" }).fill(hostname);
    await panel.getByRole("button", { name: "Add domain" }).click();
    await expect(panel.getByText("Waiting for proof")).toBeVisible();
    const txtName = `_sandlot-challenge.${hostname}`;
    await expect(panel.getByText(txtName)).toBeVisible();
    const token = (await panel.locator("dd", { hasText: /^sandlot-/ }).innerText()).split(/\s/)[0] ?? "";
    expect(token).toMatch(/^sandlot-[a-z2-7]{32}$/);
    await panel.scrollIntoViewIfNeeded();
    await shot(`01-domain-added-${viewport.name}`);

    // Verify before the record exists: the server says what is missing, nothing changes.
    await panel.getByRole("button", { name: "Verify" }).click();
    await expect(panel.getByText(/No TXT record found/)).toBeVisible();
    await expect(panel.getByText("Waiting for proof")).toBeVisible();

    await setTxt(txtName, token);
    await panel.getByRole("button", { name: "Verify" }).click();
    await expect(panel.getByText("Issuing certificate")).toBeVisible();
    await shot(`02-domain-verifying-${viewport.name}`);
    // The panel polls Cloudflare's status; the stand-in's certificate is live on its first read.
    await expect(panel.getByText("Live", { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByRole("link", { name: `${domainOrigin}/` })).toBeVisible();
    await shot(`03-domain-live-${viewport.name}`);

    // An end user, in their own browser, on the domain.
    const user = await browser.newContext({ viewport });
    const p = await user.newPage();
    const email = `shopper-${uniqueTag()}@example.com`;
    await p.goto(`${domainOrigin}/#/signup`);
    await p.getByLabel("Email").fill(email);
    await p.getByLabel("Password").fill(PASSWORD);
    await p.getByRole("button", { name: "Sign up" }).click();
    await expect(p.getByText("Check your inbox")).toBeVisible({ timeout: 60_000 });
    expect(new URL(p.url()).host).toBe(`${hostname}:${port}`);
    await saveStep(p, `04-signed-up-on-domain-${viewport.name}`);
    const cookies = await user.cookies();
    const session = cookies.find((c) => c.name === "sandlot_app_session");
    // Host-only: bound to the domain exactly (no leading dot), and sent to no sibling host.
    expect(session?.domain).toBe(hostname);
    expect(await user.cookies(`http://other.sim.localhost:${port}`)).toEqual([]);
    expect(await user.cookies(app.origin)).toEqual([]);

    // The verify mail's link is on the domain.
    const outbox = await context.request.get(`/api/apps/${app.slug}/outbox?copy=live`);
    const { messages } = (await outbox.json()) as { messages: Array<{ to: string; text: string }> };
    const mail = messages.find((m) => m.to === email);
    expect(mail?.text).toContain(`${domainOrigin}/#sandlot_verify=`);
    expect(mail?.text).not.toContain(app.origin);

    // The slug address sends visitors to the domain.
    const visitor = await browser.newContext();
    const v = await visitor.newPage();
    await v.goto(`${app.origin}/`);
    await expect(v).toHaveURL(`${domainOrigin}/`);
    await visitor.close();

    // Remove, with confirmation.
    await panel.getByRole("button", { name: "Remove domain" }).click();
    const dialog = page.getByTestId("remove-domain-dialog");
    await expect(dialog.getByText(`Remove ${hostname}?`)).toBeVisible();
    await shot(`05-remove-confirm-${viewport.name}`);
    await dialog.getByRole("button", { name: "Remove domain" }).click();
    await expect(panel.getByRole("button", { name: "Add domain" })).toBeVisible();

    // Stops at once, even for the page already open there.
    await p.reload();
    await expect(p.getByRole("heading", { name: "Nothing here yet" })).toBeVisible();
    await saveStep(p, `06-domain-removed-${viewport.name}`);
    // The app's own API, asked from the page the way its code would (Node cannot resolve *.localhost).
    expect(await p.evaluate(async () => (await fetch("/_api/app")).status)).toBe(404);
    await user.close();
    await page.goto(`${app.origin}/`);
    await expect(page).toHaveURL(`${app.origin}/`);
  });
}
