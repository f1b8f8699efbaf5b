import { describe, expect, it } from "vitest";
import { appOrigin, Client, json } from "../helpers/client";
import { connectDomain, customOrigin, domainsEnv, hostFor, publishedApp } from "./domains-helpers";
import { enableProvider, oauthEnv } from "./oauth-helpers";

/**
 * Sign-in with a provider once a custom domain is live: the flow's binding cookie is host-only, so
 * the redirect URI the studio shows, the one sent to the provider and the start itself all move to
 * the custom domain; a page still open on the subdomain is sent there before the flow starts.
 */
describe("OAuth on an app with a live custom domain", () => {
  it("the redirect URI follows the domain, and a start on the subdomain moves to it first", async () => {
    const both = { ...domainsEnv(), ...oauthEnv() };
    const { creator, slug, appId } = await publishedApp("oauth-domain", both);
    await enableProvider(appId, "google");
    const before = await json<{ providers: Array<{ provider: string; redirectUri: string }> }>(
      await creator.get(`/api/apps/${slug}/oauth`),
    );
    expect(before.providers.find((p) => p.provider === "google")?.redirectUri).toBe(
      `${appOrigin(slug)}/_api/auth/oauth/google/callback`,
    );

    const hostname = hostFor("oauth");
    await connectDomain(creator, slug, hostname);
    const after = await json<{ providers: Array<{ provider: string; redirectUri: string }> }>(
      await creator.get(`/api/apps/${slug}/oauth`),
    );
    const callback = `${customOrigin(hostname)}/_api/auth/oauth/google/callback`;
    expect(after.providers.find((p) => p.provider === "google")?.redirectUri).toBe(callback);

    const onSubdomain = await new Client(appOrigin(slug), { env: both }).get("/_api/auth/oauth/google/start");
    expect(onSubdomain.status).toBe(302);
    expect(onSubdomain.headers.get("location")).toBe(`${customOrigin(hostname)}/_api/auth/oauth/google/start`);

    const onDomain = await new Client(customOrigin(hostname), { env: both }).get("/_api/auth/oauth/google/start");
    expect(onDomain.status).toBe(302);
    const authorize = new URL(onDomain.headers.get("location") ?? "");
    expect(authorize.searchParams.get("redirect_uri")).toBe(callback);
  });
});
