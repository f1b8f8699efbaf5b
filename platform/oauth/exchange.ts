import { CodeChallengeMethod, OAuth2Client, OAuth2RequestError } from "arctic";
import type { GitHubEndpoints, GoogleEndpoints, OAuthProvider, ProviderEndpoints } from "./endpoints";
import type { ProviderCredentials } from "./config";
import type { StartedFlow, StoredFlow } from "./flows";
import { verifyIdToken } from "./id-token";

/**
 * The provider's side of a sign-in, through arctic's OAuth2Client with the endpoints of
 * endpoints.ts: the authorization URL (PKCE S256, state, and for Google the nonce), then the code
 * exchange and who the provider says the person is.
 */

export interface ProviderIdentity {
  provider: OAuthProvider;
  /** The provider's stable id for the account (Google `sub`, GitHub's numeric user id). */
  subject: string;
  email: string | null;
  /** The provider vouches for the address; only such an address links or creates an account (T54). */
  emailVerified: boolean;
}

export type ExchangeOutcome =
  | { ok: true; identity: ProviderIdentity }
  | { ok: false; reason: "code_rejected" | "id_token_invalid" | "provider_unavailable"; detail: string };

const client = (creds: ProviderCredentials, redirectUri: string): OAuth2Client =>
  new OAuth2Client(creds.clientId, creds.clientSecret, redirectUri);

export function authorizationUrl(
  endpoints: ProviderEndpoints,
  creds: ProviderCredentials,
  redirectUri: string,
  flow: StartedFlow,
): URL {
  const url = client(creds, redirectUri).createAuthorizationURLWithPKCE(
    endpoints.authorize,
    flow.state,
    CodeChallengeMethod.S256,
    flow.codeVerifier,
    [...endpoints.scopes],
  );
  if (endpoints.kind === "oidc") url.searchParams.set("nonce", flow.nonce);
  return url;
}

export async function exchangeCode(
  endpoints: ProviderEndpoints,
  creds: ProviderCredentials,
  redirectUri: string,
  exchange: { code: string; flow: StoredFlow; now: number },
): Promise<ExchangeOutcome> {
  let tokens: Awaited<ReturnType<OAuth2Client["validateAuthorizationCode"]>>;
  try {
    tokens = await client(creds, redirectUri).validateAuthorizationCode(
      endpoints.token,
      exchange.code,
      exchange.flow.codeVerifier,
    );
  } catch (err) {
    if (err instanceof OAuth2RequestError) return { ok: false, reason: "code_rejected", detail: err.code };
    return { ok: false, reason: "provider_unavailable", detail: err instanceof Error ? err.name : "error" };
  }
  try {
    return endpoints.kind === "oidc"
      ? await googleIdentity(endpoints, creds, tokens.idToken(), exchange)
      : await githubIdentity(endpoints, tokens.accessToken());
  } catch (err) {
    return { ok: false, reason: "provider_unavailable", detail: err instanceof Error ? err.message : "error" };
  }
}

async function googleIdentity(
  endpoints: GoogleEndpoints,
  creds: ProviderCredentials,
  idToken: string,
  exchange: { flow: StoredFlow; now: number },
): Promise<ExchangeOutcome> {
  const check = await verifyIdToken(idToken, {
    jwksUrl: endpoints.jwks,
    issuers: endpoints.issuers,
    audience: creds.clientId,
    nonce: exchange.flow.nonce,
    now: exchange.now,
  });
  if (!check.ok) return { ok: false, reason: "id_token_invalid", detail: check.reason };
  const { sub, email, emailVerified } = check.claims;
  return { ok: true, identity: { provider: "google", subject: sub, email, emailVerified } };
}

interface GitHubEmail {
  email?: unknown;
  primary?: unknown;
  verified?: unknown;
}

async function githubIdentity(endpoints: GitHubEndpoints, accessToken: string): Promise<ExchangeOutcome> {
  const headers = {
    authorization: `Bearer ${accessToken}`,
    accept: "application/vnd.github+json",
    // GitHub's API refuses requests without one.
    "user-agent": "sandlot",
  };
  const userRes = await fetch(endpoints.user, { headers });
  if (!userRes.ok) throw new Error(`GitHub user ${userRes.status}`);
  const user = (await userRes.json()) as { id?: unknown };
  if (typeof user.id !== "number" && typeof user.id !== "string") throw new Error("GitHub user without id");
  const emailsRes = await fetch(endpoints.emails, { headers });
  if (!emailsRes.ok) throw new Error(`GitHub emails ${emailsRes.status}`);
  const emails = (await emailsRes.json()) as GitHubEmail[];
  // The primary address, and only if GitHub verified it; `email` on /user is public profile text.
  const primary = Array.isArray(emails)
    ? emails.find((e) => e.primary === true && typeof e.email === "string")
    : undefined;
  return {
    ok: true,
    identity: {
      provider: "github",
      subject: String(user.id),
      email: primary ? String(primary.email).trim().toLowerCase() : null,
      emailVerified: primary?.verified === true,
    },
  };
}
