import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import type { Env } from "../../platform/env";
import { saveProviderSettings } from "../../platform/oauth/config";
import type { OAuthProvider } from "../../platform/oauth/endpoints";
import { Client } from "../helpers/client";

/**
 * Sign-in with the local server that speaks Google's and GitHub's protocols
 * (scripts/oauth-provider-server.mjs): the Worker gets OAUTH_DEV_PROVIDER_URL for these calls,
 * the "browser" follows the redirects and clicks the consent form the way a person would.
 */

export const providerUrl = (): string => inject("oauthApi").url;

export const LOCAL_CLIENTS: Record<OAuthProvider, { clientId: string; clientSecret: string }> = {
  google: { clientId: "local-google-client", clientSecret: "local-google-secret" },
  github: { clientId: "local-github-client", clientSecret: "local-github-secret" },
};

export function oauthEnv(extra: Partial<Env> = {}): Env {
  return { ...(env as unknown as Env), OAUTH_DEV_PROVIDER_URL: providerUrl(), ...extra };
}

/** An app-origin browser whose requests reach the Worker with the provider URL set. */
export const oauthClient = (origin: string, extra: Partial<Env> = {}): Client =>
  new Client(origin, { env: oauthEnv(extra) });

/** Turns a provider on for an app straight in D1, as the studio's PUT would. */
export async function enableProvider(appId: string, provider: OAuthProvider): Promise<void> {
  const { clientId, clientSecret } = LOCAL_CLIENTS[provider];
  const saved = await saveProviderSettings(
    env.DB,
    (env as unknown as Env).OAUTH_SECRETS_KEY,
    { appId, provider },
    { enabled: true, clientId, clientSecret },
    Date.now(),
  );
  expect(saved).toEqual({ ok: true });
}

export interface Account {
  email: string;
  verified?: boolean;
  /** The provider's subject; by default derived from the address. */
  sub?: string;
}

export interface ProviderRound {
  /** The provider's authorization URL the app redirected to. */
  authorizeUrl: URL;
  /** Where the provider sent the browser back: the app's callback with code and state. */
  callbackUrl: URL;
}

/** start → the provider's consent page → "Continue": the callback URL, not yet visited. */
export async function throughConsent(
  client: Client,
  provider: OAuthProvider,
  account: Account,
  options: { returnTo?: string; decision?: "allow" | "deny" } = {},
): Promise<ProviderRound> {
  const query = options.returnTo ? `?return=${encodeURIComponent(options.returnTo)}` : "";
  const start = await client.get(`/_api/auth/oauth/${provider}/start${query}`, { redirect: "manual" });
  expect(start.status, await start.clone().text()).toBe(302);
  const authorizeUrl = new URL(start.headers.get("location")!);
  const page = await fetch(authorizeUrl);
  expect(page.status, await page.clone().text()).toBe(200);
  await page.text();
  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set("login_email", account.email);
  if (account.verified !== false) form.set("login_verified", "1");
  if (account.sub) form.set("login_sub", account.sub);
  form.set("decision", options.decision ?? "allow");
  const consent = await fetch(authorizeUrl.origin + authorizeUrl.pathname, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  expect(consent.status).toBe(302);
  return { authorizeUrl, callbackUrl: new URL(consent.headers.get("location")!) };
}

/** Visits the callback in `client` (the same browser, unless a test says otherwise). */
export function visitCallback(client: Client, callbackUrl: URL): Promise<Response> {
  return client.get(callbackUrl.pathname + callbackUrl.search, {
    redirect: "manual",
    // A top-level navigation arriving from the provider's site.
    headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
  });
}

/** The whole sign-in in one browser: the callback's response. */
export async function signInWith(
  client: Client,
  provider: OAuthProvider,
  account: Account,
  options: { returnTo?: string } = {},
): Promise<Response> {
  const { callbackUrl } = await throughConsent(client, provider, account, options);
  return visitCallback(client, callbackUrl);
}

/** Tells the provider to bend the next ID token it issues (T54 attacks). */
export async function bendNextIdToken(bend: {
  claims?: Record<string, unknown>;
  signWith?: "stray-key";
}): Promise<void> {
  const res = await fetch(`${providerUrl()}/__control/next-id-token`, { method: "POST", body: JSON.stringify(bend) });
  expect(res.status).toBe(200);
}
