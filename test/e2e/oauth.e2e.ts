// Sign in with Google and GitHub, as a creator sets it up and as an app's user lives it: the
// creator turns both providers on in Settings (client id, write-only secret, the redirect URI to
// register), publishes, and a person signs in with each on the live app through the consent page
// of the local server that speaks Google's OpenID Connect and GitHub's OAuth (docs/oauth.md).
// The same verified address links both to one account; an unverified one is refused (T54).
import type { Page } from "@playwright/test";
import { expect, publish, saveStep, test, uniqueTag } from "./fixtures";

const CLIENTS = {
  Google: { id: "local-google-client", secret: "local-google-secret" },
  GitHub: { id: "local-github-client", secret: "local-github-secret" },
} as const;

async function me(p: Page): Promise<{ status: number; user?: { id: string; email: string; emailVerified: boolean } }> {
  return p.evaluate(async () => {
    const res = await fetch("/_api/auth/me");
    return { status: res.status, ...(res.ok ? await res.json() : {}) };
  });
}

/** On the provider's consent page: the account to use, then Continue. */
async function consent(p: Page, provider: "Google" | "GitHub", email: string, options: { verified?: boolean } = {}) {
  await expect(p.getByRole("heading", { name: `Sign in with ${provider}` })).toBeVisible();
  await expect(p.getByText(`Local stand-in — not ${provider}`)).toBeVisible();
  await p.getByLabel("Account email").fill(email);
  if (options.verified === false) await p.getByLabel(`${provider} has verified this address`).uncheck();
}

test("T54 a creator enables Google and GitHub; a person signs in with each on the live app", async ({
  page,
  app,
  context,
  browser,
  shot,
}) => {
  test.setTimeout(180_000);
  await page.goto(`/apps/${app.slug}/settings`);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Sign in with Google and GitHub" }) });
  await expect(panel).toBeVisible();
  for (const name of ["Google", "GitHub"] as const) {
    const form = panel.getByRole("form", { name: `${name} sign-in` });
    const slug = name.toLowerCase();
    await expect(form.getByTestId(`redirect-uri-${slug}`)).toHaveText(`${app.origin}/_api/auth/oauth/${slug}/callback`);
    await form.getByLabel("Client id").fill(CLIENTS[name].id);
    await form.getByLabel("Client secret").fill(CLIENTS[name].secret);
    await form.getByLabel(`Show “Continue with ${name}” on the sign-in page`).check();
    await form.getByRole("button", { name: `Save ${name}` }).click();
    await expect(form.getByText("Saved.")).toBeVisible();
    // Write-only: the field is empty again and says a secret is stored.
    await expect(form.getByLabel("Client secret")).toHaveValue("");
    await expect(form.getByLabel("Client secret")).toHaveAttribute("placeholder", /Saved/);
    await expect(form.getByText("On", { exact: true })).toBeVisible();
  }
  await page.reload();
  await expect(panel.getByRole("form", { name: "Google sign-in" }).getByLabel("Client secret")).toHaveAttribute(
    "placeholder",
    /Saved/,
  );
  expect(await page.content()).not.toContain(CLIENTS.Google.secret);
  await panel.scrollIntoViewIfNeeded();
  await shot("01-settings-providers");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot("02-settings-providers-phone");
  await page.setViewportSize({ width: 1280, height: 800 });

  expect(await publish(context.request, app.slug)).toBe(1);

  // A person on the live app, in a browser of their own.
  const person = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await person.newPage();
  const email = `ada-${uniqueTag()}@example.com`;
  await p.goto(`${app.origin}/#/signin`);
  await expect(p.getByRole("button", { name: "Continue with Google" })).toBeVisible();
  await expect(p.getByRole("button", { name: "Continue with GitHub" })).toBeVisible();
  await saveStep(p, "03-app-signin-buttons");

  await p.getByRole("button", { name: "Continue with Google" }).click();
  await consent(p, "Google", email);
  await saveStep(p, "04-google-consent");
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p).toHaveURL(new RegExp(`^${app.origin.replace(/[.:]/g, "\\$&")}/#/$`));
  await expect(p.getByRole("link", { name: "Account" })).toBeVisible();
  const viaGoogle = await me(p);
  expect(viaGoogle).toMatchObject({ status: 200, user: { email, emailVerified: true } });
  await saveStep(p, "05-signed-in-with-google");

  await p.getByRole("link", { name: "Account" }).click();
  await p.getByRole("button", { name: "Sign out" }).click();
  await expect(p.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  expect((await me(p)).status).toBe(401);

  await p.goto(`${app.origin}/#/signin`);
  await p.getByRole("button", { name: "Continue with GitHub" }).click();
  await consent(p, "GitHub", email);
  await saveStep(p, "06-github-consent");
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p.getByRole("link", { name: "Account" })).toBeVisible();
  // The same verified address: the same account.
  expect((await me(p)).user?.id).toBe(viaGoogle.user?.id);
  await saveStep(p, "07-signed-in-with-github");

  // On a phone, the buttons sit above the email form.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const q = await phone.newPage();
  await q.goto(`${app.origin}/#/signin`);
  await expect(q.getByRole("button", { name: "Continue with GitHub" })).toBeVisible();
  await saveStep(q, "08-app-signin-phone");

  // Someone whose GitHub address is not verified cannot take over the account that owns it.
  await q.getByRole("button", { name: "Continue with GitHub" }).click();
  await consent(q, "GitHub", email, { verified: false });
  await q.getByRole("button", { name: "Continue" }).click();
  await expect(q.getByRole("heading", { name: "Email not verified" })).toBeVisible();
  await expect(q.getByText(/was not linked/)).toBeVisible();
  expect((await me(q)).status).toBe(401);
  await saveStep(q, "09-unverified-refused-phone");
  await phone.close();
  await person.close();
});
