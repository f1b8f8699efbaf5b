import { appOrigin } from "../apps/origin";
import type { OAuthProvider } from "./endpoints";

/** The callback on the app's own origin, exactly as the creator registers it with the provider. */
export function oauthRedirectUri(
  env: { ENVIRONMENT?: string | undefined; APPS_DOMAIN: string },
  slug: string,
  provider: OAuthProvider,
): string {
  return `${appOrigin(env, slug)}/_api/auth/oauth/${provider}/callback`;
}
