import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import type { Env } from "../../platform/env";
import { type Client, json } from "../helpers/client";
import { createApp, HOME, homeSaying, publish, putFiles, signedInCreator } from "./apps-helpers";

/**
 * Custom-domain steps shared by the integration and attack tests: the Worker's Env pointed at the
 * local DoH + Cloudflare stand-in (scripts/domains-standin.mjs), TXT records set there, and a
 * published app whose creator drives the studio's domain routes.
 */

export interface DomainView {
  hostname: string;
  status: "pending" | "verifying" | "active" | "failed";
  txt: { name: string; value: string };
  message: string | null;
  url: string | null;
}

/** The test Env with custom domains registered through the stand-in. */
export function domainsEnv(extra: Partial<Env> = {}): Env {
  return { ...(env as Env), ...inject("domainsApi").vars, ...extra };
}

export async function setTxt(name: string, values: string[]): Promise<void> {
  const res = await fetch(`${inject("domainsApi").origin}/__control/txt`, {
    method: "POST",
    body: JSON.stringify({ name, values }),
  });
  expect(res.status).toBe(200);
}

export async function standinRequests(): Promise<
  Array<{ method: string; path: string; authorization: string | null }>
> {
  return (await (await fetch(`${inject("domainsApi").origin}/__control/requests`)).json<{ requests: [] }>()).requests;
}

/** A unique hostname under example.com for one test. */
export const hostFor = (label: string): string => `${label}-${crypto.randomUUID().slice(0, 8)}.example.com`;
/** The custom origin as the test Worker serves it: APPS_DOMAIN's port (development). */
export const customOrigin = (hostname: string): string => `http://${hostname}:8787`;

export async function publishedApp(
  label: string,
  envFor: Env = domainsEnv(),
): Promise<{ creator: Client; slug: string; appId: string }> {
  const creator = await signedInCreator(label);
  creator.env = envFor;
  const slug = `${label}-${crypto.randomUUID().slice(0, 6)}`;
  const app = await createApp(creator, slug);
  expect((await putFiles(creator, slug, { [HOME]: homeSaying(`Hello from ${label}`) })).status).toBe(200);
  expect((await publish(creator, slug)).status).toBe(201);
  return { creator, slug, appId: app.id };
}

export async function addDomain(creator: Client, slug: string, hostname: string): Promise<DomainView> {
  const res = await creator.post(`/api/apps/${slug}/domain`, { hostname });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await json<{ domain: DomainView }>(res)).domain;
}

/** Adds, proves and waits for the domain to go live (the stand-in's certificate is live on its first read). */
export async function connectDomain(creator: Client, slug: string, hostname: string): Promise<DomainView> {
  const added = await addDomain(creator, slug, hostname);
  await setTxt(added.txt.name, [added.txt.value]);
  const verified = await creator.post(`/api/apps/${slug}/domain/verify`);
  expect(verified.status, await verified.clone().text()).toBe(200);
  let domain = (await json<{ domain: DomainView }>(verified)).domain;
  for (let i = 0; i < 3 && domain.status !== "active"; i++) {
    domain = (await json<{ domain: DomainView }>(await creator.get(`/api/apps/${slug}/domain`))).domain;
  }
  expect(domain.status).toBe("active");
  return domain;
}

export async function removeDomain(creator: Client, slug: string, hostname: string): Promise<Response> {
  return creator.fetch(`/api/apps/${slug}/domain`, { method: "DELETE", json: { confirm: hostname } });
}
