import { Hono } from "hono";
import { customOrigin } from "../../apps/origin";
import { checkHostname } from "../../domains/hostname";
import {
  addDomain,
  type DomainOutcome,
  type DomainRefusal,
  refreshDomain,
  removeDomain,
  verifyDomain,
} from "../domain-lifecycle";
import { challengeName } from "../../domains/proof";
import type { DomainRow } from "../../domains/queries";
import { domainOf } from "../../domains/queries";
import { ApiError, badRequest, conflict, notFound } from "../../errors";
import { jsonBody } from "../../http/body";
import type { StudioEnv } from "./context";
import { shape, type StudioTypes } from "./contract";
import { studioBodies } from "./requests";
import { requireOwnedApp } from "./owned-app";

/**
 * `GET|POST|DELETE /api/apps/:slug/domain`, `POST /api/apps/:slug/domain/verify`: the app's
 * custom domain (docs/domains.md), one per app. The server decides every rule: which names may be
 * added (domains/hostname.ts), whether the TXT proof holds, and when the domain is live.
 */
export const domainRoutes = new Hono<StudioEnv>();

type DomainView = StudioTypes["domain"]["domain"];

function domainView(env: StudioEnv["Bindings"], row: DomainRow): NonNullable<DomainView> {
  return {
    hostname: row.hostname,
    status: row.status,
    txt: { name: challengeName(row.hostname), value: row.token },
    cnameTarget: env.DOMAINS_CNAME_TARGET ?? null,
    message: row.lastError,
    url: row.status === "active" ? `${customOrigin(env, row.hostname)}/` : null,
    createdAt: row.createdAt,
    verifiedAt: row.verifiedAt,
  };
}

function refusal(refused: DomainRefusal): ApiError {
  switch (refused.reason) {
    case "unavailable":
      return new ApiError(503, "domains_unavailable", "Custom domains are not set up on this platform yet.");
    case "taken":
      return conflict("That domain is already connected to another app.", "domain_taken");
    case "exists":
      return conflict("This app already has a domain. Remove it first to add another.", "domain_exists");
    case "missing":
      return notFound("This app has no domain.");
    case "unproven":
      return new ApiError(422, "domain_unproven", refused.message);
  }
}

function rowOf(outcome: DomainOutcome): DomainRow {
  if (!outcome.ok) throw refusal(outcome);
  return outcome.row;
}

const view = (env: StudioEnv["Bindings"], row: DomainRow | null): { domain: DomainView } => ({
  domain: row ? domainView(env, row) : null,
});

/** The app's domain; a verifying one asks Cloudflare for news first (the studio polls this). */
domainRoutes.get("/", async (c) => {
  const app = await requireOwnedApp(c);
  return c.json(shape("domain", view(c.env, await refreshDomain(c.env, app))));
});

domainRoutes.post("/", async (c) => {
  const app = await requireOwnedApp(c);
  const { hostname } = await jsonBody(c.req.raw, studioBodies.addDomain);
  const checked = checkHostname(hostname, c.env);
  if (!checked.ok) throw badRequest(checked.reason, "invalid_hostname");
  const row = rowOf(await addDomain(c.env, app, checked.hostname));
  return c.json(shape("domain", view(c.env, row)), 201);
});

domainRoutes.post("/verify", async (c) => {
  const app = await requireOwnedApp(c);
  const row = rowOf(await verifyDomain(c.env, app));
  return c.json(shape("domain", view(c.env, row)));
});

/** `{confirm: "<hostname>"}`: the domain stops serving this app at once, in every isolate (T55). */
domainRoutes.delete("/", async (c) => {
  const app = await requireOwnedApp(c);
  const { confirm } = await jsonBody(c.req.raw, studioBodies.removeDomain);
  const current = await domainOf(c.env.DB, app.id);
  if (!current) throw notFound("This app has no domain.");
  if (confirm.trim().toLowerCase() !== current.hostname)
    throw badRequest(`Type the domain, ${current.hostname}, to confirm.`, "confirm_mismatch");
  const removed = await removeDomain(c.env, app);
  if (!removed) throw notFound("This app has no domain.");
  return c.json(shape("domainRemoved", { removed: { hostname: removed.hostname } }));
});
