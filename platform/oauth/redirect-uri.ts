import { servedOrigin } from "../apps/origin";
import type { OAuthProvider } from "./endpoints";

/**
 * The callback on the origin the app is served from — its custom domain once one is live, else its
 * subdomain — exactly as the creator registers it with the provider. The flow's browser-binding
 * cookie is host-only, so the callback must come back to the origin that started the flow.
 */
export function oauthRedirectUri(
  env: { ENVIRONMENT?: string | undefined; APPS_DOMAIN: string },
  app: { slug: string; customHost?: string | null | undefined },
  provider: OAuthProvider,
): string {
  return `${servedOrigin(env, app)}/_api/auth/oauth/${provider}/callback`;
}
