import { describe, expect, it } from "vitest";
import { addDomain as addDomainIn, pollVerifyingDomains } from "../../platform/worker/domain-lifecycle";
import { env } from "cloudflare:workers";
import { domainOf } from "../../platform/domains/queries";
import { appOrigin, Client, json } from "../helpers/client";
import type { ErrorBody } from "./apps-helpers";
import {
  addDomain,
  connectDomain,
  customOrigin,
  type DomainView,
  domainsEnv,
  hostFor,
  publishedApp,
  removeDomain,
  setTxt,
  standinRequests,
} from "./domains-helpers";

/**
 * A custom domain end to end in workerd (docs/domains.md): added, proven by TXT over DoH, registered
 * with Cloudflare for SaaS, served, and removed — against the local stand-in that speaks both HTTP
 * APIs (scripts/domains-standin.mjs).
 */

const PASSWORD = "correct horse battery staple";

describe("custom domains", () => {
  it("adds, proves, registers, serves, redirects and removes a domain", async () => {
    const { creator, slug } = await publishedApp("dom-life");
    const hostname = hostFor("shop");
    const added = await addDomain(creator, slug, `  ${hostname.toUpperCase()}. `);
    expect(added).toMatchObject({ hostname, status: "pending", url: null });
    expect(added.txt.name).toBe(`_sandlot-challenge.${hostname}`);
    expect(added.txt.value).toMatch(/^sandlot-[a-z2-7]{32}$/);

    // Not proven yet: 422, and nothing changed.
    const early = await creator.post(`/api/apps/${slug}/domain/verify`);
    expect(early.status).toBe(422);
    expect((await json<ErrorBody>(early)).error.code).toBe("domain_unproven");
    expect((await json<{ domain: DomainView }>(await creator.get(`/api/apps/${slug}/domain`))).domain.status).toBe(
      "pending",
    );
    // Pending domains serve nothing.
    const site = new Client(customOrigin(hostname), { env: domainsEnv() });
    expect((await site.get("/")).status).toBe(404);

    await setTxt(added.txt.name, ["unrelated", added.txt.value]);
    const verified = await json<{ domain: DomainView }>(await creator.post(`/api/apps/${slug}/domain/verify`));
    expect(verified.domain.status).toBe("verifying");
    const registered = (await standinRequests()).filter((r) => r.path.includes("/custom_hostnames"));
    expect(registered.at(-1)).toMatchObject({ method: "POST", authorization: "Bearer standin-cloudflare-token" });
    // The studio's poll finds Cloudflare's certificate live.
    let domain = verified.domain;
    for (let i = 0; i < 3 && domain.status !== "active"; i++)
      domain = (await json<{ domain: DomainView }>(await creator.get(`/api/apps/${slug}/domain`))).domain;
    expect(domain).toMatchObject({ status: "active", url: `${customOrigin(hostname)}/` });

    const page = await site.get("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("connect-src 'self'");
    expect((await json<{ app: { slug: string } }>(await site.get("/_api/app"))).app.slug).toBe(slug);

    // The slug host sends pages to the domain; its API keeps answering pages loaded before.
    const slugHost = new Client(appOrigin(slug), { env: domainsEnv() });
    const moved = await slugHost.get("/account?x=1", { redirect: "manual" });
    expect(moved.status).toBe(308);
    expect(moved.headers.get("location")).toBe(`${customOrigin(hostname)}/account?x=1`);
    expect((await slugHost.get("/_api/app")).status).toBe(200);

    // Sign-up on the domain: a host-only cookie, and the mail's link on the domain.
    const email = `buyer-${crypto.randomUUID().slice(0, 6)}@example.com`;
    const signup = await site.post("/_api/auth/signup", { email, password: PASSWORD });
    expect(signup.status).toBe(201);
    const cookie = signup.headers.getSetCookie().find((l) => l.startsWith("sandlot_app_session="));
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/domain=/i);
    const outbox = await json<{ messages: Array<{ to: string; text: string }> }>(
      await creator.get(`/api/apps/${slug}/outbox?copy=live`),
    );
    const mail = outbox.messages.find((m) => m.to === email);
    expect(mail?.text).toContain(`${customOrigin(hostname)}/#sandlot_verify=`);
    expect(mail?.text).not.toContain(appOrigin(slug));

    const wrong = await removeDomain(creator, slug, "other.example.com");
    expect(wrong.status).toBe(400);
    expect((await json<ErrorBody>(wrong)).error.code).toBe("confirm_mismatch");
    expect((await site.get("/")).status).toBe(200);

    const removed = await removeDomain(creator, slug, hostname);
    expect(removed.status).toBe(200);
    expect(await json(removed)).toEqual({ removed: { hostname } });
    expect((await standinRequests()).at(-1)).toMatchObject({ method: "DELETE" });
    expect((await site.get("/")).status).toBe(404);
    expect((await site.get("/_api/app")).status).toBe(404);
    expect((await slugHost.get("/", { redirect: "manual" })).status).toBe(200);
    expect((await json<{ domain: null }>(await creator.get(`/api/apps/${slug}/domain`))).domain).toBeNull();
  });

  it("refuses names that are not domains or belong to the platform, with the state unchanged", async () => {
    const { creator, slug } = await publishedApp("dom-bad");
    for (const hostname of [
      "",
      "localhost",
      "shop",
      "shop.example.com:8443",
      "https://shop.example.com",
      "shop.example.com/path",
      "127.0.0.1",
      "10.0.0.1.",
      "[::1]",
      "a..example.com",
      "-bad.example.com",
      `${"a".repeat(64)}.example.com`,
      `${"abcdefghi.".repeat(26)}com`,
      "localhost:8787",
      "other-app.localhost",
      `${slug}.localhost`,
    ]) {
      const res = await creator.post(`/api/apps/${slug}/domain`, { hostname });
      expect(res.status, hostname).toBe(400);
      expect((await json<ErrorBody>(res)).error.code, hostname).toBe("invalid_hostname");
    }
    const wrongType = await creator.post(`/api/apps/${slug}/domain`, { hostname: 42 });
    expect(wrongType.status).toBe(400);
    expect((await json<{ domain: null }>(await creator.get(`/api/apps/${slug}/domain`))).domain).toBeNull();
  });

  it("keeps an IDN in its ASCII form and allows one domain per app", async () => {
    const { creator, slug } = await publishedApp("dom-idn");
    const added = await addDomain(creator, slug, "Bücher-Shop.Example");
    expect(added.hostname).toBe("xn--bcher-shop-9db.example");
    const second = await creator.post(`/api/apps/${slug}/domain`, { hostname: "second.example.com" });
    expect(second.status).toBe(409);
    expect((await json<ErrorBody>(second)).error.code).toBe("domain_exists");
  });

  it("simulates a domain under *.localhost in development", async () => {
    const { creator, slug } = await publishedApp("dom-local");
    const hostname = `shop-${crypto.randomUUID().slice(0, 6)}.sim.localhost`;
    await connectDomain(creator, slug, hostname);
    const res = await new Client(`http://${hostname}:8787`, { env: domainsEnv() }).get("/");
    expect(res.status).toBe(200);
  });

  it("without Cloudflare configured (development), a proven domain goes live at once", async () => {
    const bare = domainsEnv({ CF_API_TOKEN: undefined, CF_ZONE_ID: undefined });
    const { creator, slug } = await publishedApp("dom-nocf", bare);
    const hostname = hostFor("direct");
    const added = await addDomain(creator, slug, hostname);
    await setTxt(added.txt.name, [added.txt.value]);
    const verified = await json<{ domain: DomainView }>(await creator.post(`/api/apps/${slug}/domain/verify`));
    expect(verified.domain.status).toBe("active");
  });

  it("the scheduled run finishes a domain Cloudflare was still certifying", async () => {
    const { creator, slug, appId } = await publishedApp("dom-cron");
    const hostname = hostFor("cron");
    const added = await addDomain(creator, slug, hostname);
    await setTxt(added.txt.name, [added.txt.value]);
    const verified = await json<{ domain: DomainView }>(await creator.post(`/api/apps/${slug}/domain/verify`));
    expect(verified.domain.status).toBe("verifying");
    // Read from D1 directly: the studio's GET would ask Cloudflare itself. The stand-in answers
    // "pending" to the first status read and "active" to the next, as a CNAME being put in place.
    expect(await pollVerifyingDomains(domainsEnv())).toBeGreaterThanOrEqual(1);
    expect((await domainOf(env.DB, appId))?.status).toBe("verifying");
    await pollVerifyingDomains(domainsEnv());
    expect((await domainOf(env.DB, appId))?.status).toBe("active");
    expect((await new Client(customOrigin(hostname), { env: domainsEnv() }).get("/")).status).toBe(200);
  });

  it("production refuses to add a domain when Cloudflare is not configured", async () => {
    const { appId, slug } = await publishedApp("dom-prod");
    const prod = domainsEnv({ ENVIRONMENT: "production", CF_API_TOKEN: undefined });
    expect(await addDomainIn(prod, { id: appId, slug }, hostFor("prod"))).toEqual({ ok: false, reason: "unavailable" });
  });
});
