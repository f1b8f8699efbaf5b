import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";

/** The providers an app can offer (docs/oauth.md). */
export const OAUTH_PROVIDERS = ["google", "github"] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export const isOAuthProvider = (value: string): value is OAuthProvider =>
  (OAUTH_PROVIDERS as readonly string[]).includes(value);

export const PROVIDER_LABELS: Record<OAuthProvider, string> = { google: "Google", github: "GitHub" };

export interface GoogleEndpoints {
  kind: "oidc";
  authorize: string;
  token: string;
  jwks: string;
  /** Every `iss` an ID token from this provider may carry. */
  issuers: readonly string[];
  scopes: readonly string[];
}

export interface GitHubEndpoints {
  kind: "oauth2";
  authorize: string;
  token: string;
  user: string;
  emails: string;
  scopes: readonly string[];
}

export type ProviderEndpoints = GoogleEndpoints | GitHubEndpoints;

const GOOGLE: GoogleEndpoints = {
  kind: "oidc",
  authorize: "https://accounts.google.com/o/oauth2/v2/auth",
  token: "https://oauth2.googleapis.com/token",
  jwks: "https://www.googleapis.com/oauth2/v3/certs",
  issuers: ["https://accounts.google.com", "accounts.google.com"],
  scopes: ["openid", "email", "profile"],
};

const GITHUB: GitHubEndpoints = {
  kind: "oauth2",
  authorize: "https://github.com/login/oauth/authorize",
  token: "https://github.com/login/oauth/access_token",
  user: "https://api.github.com/user",
  emails: "https://api.github.com/user/emails",
  scopes: ["read:user", "user:email"],
};

/**
 * Where each provider lives. OAUTH_DEV_PROVIDER_URL points both at a local server of ours that
 * speaks their protocols (scripts/oauth-provider-server.mjs) and is honoured only where dev
 * features are (T51): in production the endpoints are the providers' own, whatever the vars say.
 */
export function endpointsFor(
  env: Pick<Env, "ENVIRONMENT" | "OAUTH_DEV_PROVIDER_URL">,
  provider: "google",
): GoogleEndpoints;
export function endpointsFor(
  env: Pick<Env, "ENVIRONMENT" | "OAUTH_DEV_PROVIDER_URL">,
  provider: "github",
): GitHubEndpoints;
export function endpointsFor(
  env: Pick<Env, "ENVIRONMENT" | "OAUTH_DEV_PROVIDER_URL">,
  provider: OAuthProvider,
): ProviderEndpoints;
export function endpointsFor(
  env: Pick<Env, "ENVIRONMENT" | "OAUTH_DEV_PROVIDER_URL">,
  provider: OAuthProvider,
): ProviderEndpoints {
  const base = devFeaturesEnabled(env) ? env.OAUTH_DEV_PROVIDER_URL?.replace(/\/+$/, "") : undefined;
  if (provider === "google") {
    if (!base) return GOOGLE;
    return {
      ...GOOGLE,
      authorize: `${base}/google/authorize`,
      token: `${base}/google/token`,
      jwks: `${base}/google/jwks`,
      issuers: [`${base}/google`],
    };
  }
  if (!base) return GITHUB;
  return {
    ...GITHUB,
    authorize: `${base}/github/login/oauth/authorize`,
    token: `${base}/github/login/oauth/access_token`,
    user: `${base}/github/api/user`,
    emails: `${base}/github/api/user/emails`,
  };
}
