import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ServedAppCache } from "../../platform/apps/served-cache";
import { createAppRouter } from "../../platform/worker/app/router";
import { appOrigin, Client, json } from "../helpers/client";
import type { ErrorBody } from "../integration/apps-helpers";
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
} from "../integration/domains-helpers";

/**
 * T55 (and T47 on custom hosts): a creator claims another app's domain, a removed domain keeps
 * serving in an isolate that cached it, and Host games against custom domains. The domain's proof
 * runs against the local DoH + Cloudflare stand-in (scripts/domains-standin.mjs).
 */

type Router = ReturnType<typeof createAppRouter>;

/** Another isolate: the same Worker code with a cache nobody invalidates. */
const otherIsolate = (): Router =>
  createAppRouter({ cache: new ServedAppCache({ ttlMs: 3_600_000, missTtlMs: 3_600_000, maxEntries: 100 }) });

async function visit(router: Router, origin: string, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("sec-fetch-site", "same-origin");
  const ctx = createExecutionContext();
  const res = await router.fetch(new Request(origin + path, { ...init, headers }), domainsEnv(), ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const assetPathIn = (html: string): string => html.match(/\/assets\/[A-Za-z0-9_.-]+\.js/)![0];

/** A D1 binding that counts every statement and batch made through it. */
function countingDb(db: D1Database): { db: D1Database; calls: () => number } {
  let calls = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (["prepare", "batch", "exec", "withSession"].includes(String(prop))) calls += 1;
        return value.apply(target, args);
      };
    },
  });
  return { db: proxy, calls: () => calls };
}

describe("T55 custom domains: one app per domain, proven, and gone at once when removed", () => {
  it("T55 another creator cannot take a connected domain, nor prove one with its owner's token", async () => {
    const owner = await publishedApp("t55-owner");
    const hostname = hostFor("taken");
    const connected = await connectDomain(owner.creator, owner.slug, hostname);

    const thief = await publishedApp("t55-thief");
    const taken = await thief.creator.post(`/api/apps/${thief.slug}/domain`, { hostname: hostname.toUpperCase() });
    expect(taken.status).toBe(409);
    expect((await json<ErrorBody>(taken)).error.code).toBe("domain_taken");

    // The owner's record is public DNS: a pending claim elsewhere gets its own token, which that record is not.
    const other = await publishedApp("t55-other");
    const own = await other.creator.post(`/api/apps/${other.slug}/domain`, { hostname: hostFor("elsewhere") });
    expect(own.status).toBe(201);
    const theirs = (await json<{ domain: DomainView }>(own)).domain;
    await setTxt(theirs.txt.name, [connected.txt.value]);
    const forged = await other.creator.post(`/api/apps/${other.slug}/domain/verify`);
    expect(forged.status).toBe(422);
    expect((await json<ErrorBody>(forged)).error.code).toBe("domain_unproven");

    // Still the owner's app at the domain.
    const site = new Client(customOrigin(hostname), { env: domainsEnv() });
    expect((await json<{ app: { slug: string } }>(await site.get("/_api/app"))).app.slug).toBe(owner.slug);
  });

  it("T55 a squatter's pending claim blocks nobody; of two proofs, one wins and the other is refused", async () => {
    const hostname = hostFor("race");
    const squatter = await publishedApp("t55-squat");
    const squat = await addDomain(squatter.creator, squatter.slug, hostname);
    const owner = await publishedApp("t55-real");
    const real = await addDomain(owner.creator, owner.slug, hostname);
    expect(real.txt.value).not.toBe(squat.txt.value);
    // The squatter cannot prove it: the record holds the real owner's token only.
    await setTxt(real.txt.name, [real.txt.value]);
    expect((await squatter.creator.post(`/api/apps/${squatter.slug}/domain/verify`)).status).toBe(422);
    expect((await owner.creator.post(`/api/apps/${owner.slug}/domain/verify`)).status).toBe(200);
    // Even when the record holds both tokens, the name is proven for one app only.
    await setTxt(real.txt.name, [real.txt.value, squat.txt.value]);
    const late = await squatter.creator.post(`/api/apps/${squatter.slug}/domain/verify`);
    expect(late.status).toBe(409);
    expect((await json<ErrorBody>(late)).error.code).toBe("domain_taken");
  });

  it("T55 another creator cannot see, verify or remove an app's domain (404 like a missing app)", async () => {
    const owner = await publishedApp("t55-peek");
    const hostname = hostFor("private");
    await connectDomain(owner.creator, owner.slug, hostname);
    const stranger = await publishedApp("t55-stranger");
    for (const res of [
      await stranger.creator.get(`/api/apps/${owner.slug}/domain`),
      await stranger.creator.post(`/api/apps/${owner.slug}/domain/verify`),
      await removeDomain(stranger.creator, owner.slug, hostname),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await new Client(customOrigin(hostname), { env: domainsEnv() }).get("/")).status).toBe(200);
  });

  it("T55 a removed domain stops serving pages, assets and the API at once in an isolate that cached it", async () => {
    const a = await publishedApp("t55-warm");
    const hostname = hostFor("warm");
    await connectDomain(a.creator, a.slug, hostname);
    const origin = customOrigin(hostname);
    const other = otherIsolate();
    const page = await visit(other, origin, "/");
    expect(page.status).toBe(200);
    const asset = assetPathIn(await page.text());
    expect((await visit(other, origin, asset)).status).toBe(200);
    expect((await visit(other, origin, "/_api/app")).status).toBe(200);
    expect((await visit(other, appOrigin(a.slug), "/", { redirect: "manual" })).status).toBe(308);

    expect((await removeDomain(a.creator, a.slug, hostname)).status).toBe(200);

    // The asset first, while the other isolate still holds the domain.
    expect((await visit(other, origin, asset)).status).toBe(404);
    expect((await visit(other, origin, "/_api/app")).status).toBe(404);
    expect((await visit(other, origin, "/")).status).toBe(404);
    const signup = await visit(other, origin, "/_api/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "late@example.com", password: "correct horse battery staple" }),
    });
    expect(signup.status).toBe(404);
    // And its slug host serves again instead of sending visitors to the removed domain.
    expect((await visit(other, appOrigin(a.slug), "/", { redirect: "manual" })).status).toBe(200);
  });

  it("T55 a deleted app's domain stops at once in an isolate that cached it, and is free again", async () => {
    const a = await publishedApp("t55-del");
    const hostname = hostFor("deleted");
    await connectDomain(a.creator, a.slug, hostname);
    const other = otherIsolate();
    expect((await visit(other, customOrigin(hostname), "/")).status).toBe(200);
    const deleted = await a.creator.fetch(`/api/apps/${a.slug}`, { method: "DELETE", json: { confirm: a.slug } });
    expect(deleted.status).toBe(200);
    expect((await visit(other, customOrigin(hostname), "/")).status).toBe(404);
    expect((await visit(other, customOrigin(hostname), "/_api/app")).status).toBe(404);
    const next = await publishedApp("t55-next");
    expect((await next.creator.post(`/api/apps/${next.slug}/domain`, { hostname })).status).toBe(201);
  });

  it("T55 checking every custom-host request with the app's object costs no D1 query after the first page", async () => {
    const a = await publishedApp("t55-d1");
    const hostname = hostFor("d1");
    await connectDomain(a.creator, a.slug, hostname);
    const counter = countingDb(domainsEnv().DB);
    const site = new Client(customOrigin(hostname), { env: domainsEnv({ DB: counter.db }) });
    const page = await site.get("/");
    expect(page.status).toBe(200);
    const asset = assetPathIn(await page.text());
    const first = counter.calls();
    const answers = [
      (await site.get(asset)).status,
      (await site.get("/_api/app")).status,
      (await site.get("/")).status,
    ];
    expect(answers).toEqual([200, 200, 200]);
    expect(counter.calls()).toBe(first);
  });

  it("T47 Host games: forwarding headers, other ports and pending domains reach no app", async () => {
    const a = await publishedApp("t55-host");
    const hostname = hostFor("games");
    await connectDomain(a.creator, a.slug, hostname);
    const pending = hostFor("pending");
    const b = await publishedApp("t55-pending");
    await addDomain(b.creator, b.slug, pending);
    const router = otherIsolate();
    const asJson = async (res: Response): Promise<string> => (await json<{ app: { slug: string } }>(res)).app.slug;

    // A forwarding header naming the domain changes nothing: the Host is the studio's / another app's.
    const forwarded = await visit(router, appOrigin(b.slug), "/_api/app", {
      headers: { "x-forwarded-host": hostname },
    });
    expect(await asJson(forwarded)).toBe(b.slug);
    // A custom Host naming nothing, on another port, or proven by nobody: 404.
    const statuses = [
      (await visit(router, `http://${hostname}:9999`, "/")).status,
      (await visit(router, customOrigin(pending), "/")).status,
      (await visit(router, customOrigin(pending), "/_api/app")).status,
      (await visit(router, customOrigin(`x.${hostname}`), "/")).status,
    ];
    expect(statuses).toEqual([404, 404, 404, 404]);
    // Case and a trailing dot are the same host (normalised before the lookup).
    const upper = new Request(`${customOrigin(hostname)}/_api/app`, {
      headers: { host: `${hostname.toUpperCase()}.:8787`, "sec-fetch-site": "same-origin" },
    });
    const ctx = createExecutionContext();
    const res = await router.fetch(upper, domainsEnv(), ctx);
    await waitOnExecutionContext(ctx);
    expect(await asJson(res)).toBe(a.slug);
    // A domain never reaches the studio: `/api/*` there is one of the app's own pages, not the studio's API.
    const studioPath = await visit(router, customOrigin(hostname), "/api/auth/me");
    expect(studioPath.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await studioPath.text()).not.toContain('"creator"');
  });
});
