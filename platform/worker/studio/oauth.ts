import { Hono } from "hono";
import { ApiError, notFound } from "../../errors";
import { domainOf } from "../../domains/queries";
import { jsonBody } from "../../http/body";
import { providerSettings, saveProviderSettings } from "../../oauth/config";
import { isOAuthProvider, PROVIDER_LABELS, type OAuthProvider } from "../../oauth/endpoints";
import { oauthRedirectUri } from "../../oauth/redirect-uri";
import type { StudioContext, StudioEnv } from "./context";
import { shape, type StudioTypes } from "./contract";
import { studioBodies } from "./requests";
import { requireOwnedApp } from "./owned-app";

/**
 * `/api/apps/:slug/oauth`: the app's "Sign in with Google/GitHub" settings, for its creator only
 * (T15). The client secret goes in and never comes out: answers say `secretSet` (docs/oauth.md).
 */
export const oauthSettingsRoutes = new Hono<StudioEnv>();

async function view(c: StudioContext, app: { id: string; slug: string }): Promise<StudioTypes["oauthProviders"]> {
  const settings = await providerSettings(c.env.DB, app.id);
  const domain = await domainOf(c.env.DB, app.id);
  const served = { slug: app.slug, customHost: domain?.status === "active" ? domain.hostname : null };
  return shape("oauthProviders", {
    available: Boolean(c.env.OAUTH_SECRETS_KEY),
    providers: settings.map((s) => ({
      ...s,
      name: PROVIDER_LABELS[s.provider],
      redirectUri: oauthRedirectUri(c.env, served, s.provider),
    })),
  });
}

oauthSettingsRoutes.get("/", async (c) => {
  const app = await requireOwnedApp(c);
  return c.json(await view(c, app));
});

oauthSettingsRoutes.put("/:provider", async (c) => {
  const app = await requireOwnedApp(c);
  const provider = c.req.param("provider");
  if (!isOAuthProvider(provider)) throw notFound("No such sign-in provider.");
  const update = await jsonBody(c.req.raw, studioBodies.oauthSettings);
  const saved = await saveProviderSettings(
    c.env.DB,
    c.env.OAUTH_SECRETS_KEY,
    { appId: app.id, provider: provider as OAuthProvider },
    update,
    Date.now(),
  );
  if (!saved.ok && saved.reason === "no_platform_key")
    throw new ApiError(
      503,
      "oauth_unavailable",
      "This server has no OAUTH_SECRETS_KEY, so sign-in secrets cannot be stored. Ask the operator to set it.",
    );
  if (!saved.ok) throw new ApiError(400, "secret_required", "Paste the client secret before turning this on.");
  return c.json(await view(c, app));
});
