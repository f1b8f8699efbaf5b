import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { Env } from "../env";
import { isProduction } from "../environment";
import { announceServedChange, forgetCustomHost } from "./served-change";
import {
  type CloudflareConfig,
  cloudflareConfig,
  createCustomHostname,
  deleteCustomHostname,
  getCustomHostname,
  hasFailed,
  isLive,
} from "../domains/cloudflare";
import { proveByTxt } from "../domains/proof";
import {
  activateDomain,
  claimDomain,
  type DomainRow,
  deleteDomain,
  domainOf,
  insertDomain,
  provenHolder,
  recordCheck,
  verifyingDomains,
} from "../domains/queries";

/**
 * A custom domain's life (docs/domains.md): added (pending) → ownership proven by TXT →
 * registered with Cloudflare for SaaS (verifying) → Cloudflare's certificate is live (active) →
 * removed. Without Cloudflare configured — development and test only — a proven domain goes live
 * at once; production refuses to add one. Every change to what is served moves the app's serving
 * revision, so isolates that cached the app see it on their next request (T55).
 */

type App = { id: string; slug: string };

/** Why a change did not happen: the studio route words each for the creator. */
export type DomainRefusal =
  | { reason: "unavailable" }
  | { reason: "taken" }
  | { reason: "exists" }
  | { reason: "missing" }
  | { reason: "unproven"; message: string };

export type DomainOutcome = { ok: true; row: DomainRow } | ({ ok: false } & DomainRefusal);

/** Production needs Cloudflare to route and certify a domain; without it nothing can be served. */
function registrar(env: Env): { config: CloudflareConfig | null } | null {
  const config = cloudflareConfig(env);
  return !config && isProduction(env) ? null : { config };
}

export async function addDomain(env: Env, app: App, hostname: string): Promise<DomainOutcome> {
  if (!registrar(env)) return { ok: false, reason: "unavailable" };
  const holder = await provenHolder(env.DB, hostname);
  if (holder && holder !== app.id) return { ok: false, reason: "taken" };
  const token = `sandlot-${encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))}`;
  if (!(await insertDomain(env.DB, { appId: app.id, hostname, token }))) return { ok: false, reason: "exists" };
  const row = await domainOf(env.DB, app.id);
  return row ? { ok: true, row } : { ok: false, reason: "missing" };
}

/** Makes a verifying domain live once Cloudflare serves it; records what Cloudflare said otherwise. */
async function advance(
  env: Env,
  app: App,
  row: DomainRow,
  config: CloudflareConfig | null,
  now: number,
): Promise<void> {
  if (!config) {
    await goLive(env, app, row.hostname, now);
    return;
  }
  const registered = row.cloudflareId
    ? await getCustomHostname(config, row.cloudflareId)
    : await createCustomHostname(config, row.hostname);
  if (!registered.ok) {
    await recordCheck(env.DB, app.id, { lastError: registered.message }, now);
    return;
  }
  const h = registered.value;
  if (isLive(h)) {
    await recordCheck(env.DB, app.id, { cloudflareId: h.id, lastError: null }, now);
    await goLive(env, app, row.hostname, now);
  } else if (hasFailed(h)) {
    const why = h.errors[0] ?? `Cloudflare reports the domain as ${h.status}.`;
    await recordCheck(env.DB, app.id, { status: "failed", cloudflareId: h.id, lastError: why }, now);
  } else {
    const waiting = h.errors[0] ?? "Waiting for the certificate. Point the CNAME at the platform if you have not yet.";
    await recordCheck(env.DB, app.id, { cloudflareId: h.id, lastError: waiting }, now);
  }
}

async function goLive(env: Env, app: App, hostname: string, now: number): Promise<void> {
  const revision = await activateDomain(env.DB, app.id, now);
  if (revision === null) return;
  forgetCustomHost(hostname);
  await announceServedChange(env, app, revision);
}

/** The Verify button: checks the TXT proof, claims the name, and moves it on as far as it goes now. */
export async function verifyDomain(env: Env, app: App): Promise<DomainOutcome> {
  const row = await domainOf(env.DB, app.id);
  if (!row) return { ok: false, reason: "missing" };
  const registry = registrar(env);
  if (!registry) return { ok: false, reason: "unavailable" };
  const now = Date.now();
  if (row.status === "pending" || row.status === "failed") {
    const proof = await proveByTxt(env, row.hostname, row.token);
    if (!proof.ok) return { ok: false, reason: "unproven", message: proof.message };
    const claim = await claimDomain(env.DB, app.id, now);
    if (!claim.ok && claim.reason === "taken") return { ok: false, reason: "taken" };
  }
  const current = await domainOf(env.DB, app.id);
  if (current?.status === "verifying") await advance(env, app, current, registry.config, now);
  const after = await domainOf(env.DB, app.id);
  return after ? { ok: true, row: after } : { ok: false, reason: "missing" };
}

/** The studio's poll: a verifying domain asks Cloudflare again; any other state is read as it is. */
export async function refreshDomain(env: Env, app: App): Promise<DomainRow | null> {
  const row = await domainOf(env.DB, app.id);
  const registry = registrar(env);
  if (row?.status !== "verifying" || !registry) return row;
  await advance(env, app, row, registry.config, Date.now());
  return domainOf(env.DB, app.id);
}

/** Removal stops serving at once: the row goes with a new serving revision (T55), then Cloudflare forgets it. */
export async function removeDomain(env: Env, app: App): Promise<DomainRow | null> {
  const removed = await deleteDomain(env.DB, app.id, Date.now());
  if (!removed) return null;
  forgetCustomHost(removed.row.hostname);
  await announceServedChange(env, app, removed.revision);
  const config = cloudflareConfig(env);
  if (config && removed.row.cloudflareId) {
    const gone = await deleteCustomHostname(config, removed.row.cloudflareId);
    // Not served either way (the lookup no longer finds it); an orphan registration only costs a slot.
    if (!gone.ok) console.error("removing a Cloudflare custom hostname failed", removed.row.hostname, gone.message);
  }
  return removed.row;
}

/** The scheduled handler's share: every verifying domain asks Cloudflare once per run. */
export async function pollVerifyingDomains(env: Env): Promise<number> {
  const config = cloudflareConfig(env);
  if (!config) return 0;
  const pending = await verifyingDomains(env.DB, 50);
  for (const { app, row } of pending) await advance(env, app, row, config, Date.now());
  return pending.length;
}
