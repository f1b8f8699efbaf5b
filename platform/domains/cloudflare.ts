/**
 * Cloudflare for SaaS custom hostnames (docs/domains.md): what makes Cloudflare route a creator's
 * domain to this Worker and issue its certificate. The HTTP is Cloudflare's v4 API —
 * `POST/GET/DELETE /zones/:zone/custom_hostnames[/:id]`, every answer wrapped in
 * `{success, errors, messages, result}`. `CF_API_BASE_URL` points it at a local server of ours
 * that speaks the same HTTP in tests (scripts/domains-standin.mjs). Failures are values: the
 * studio shows them, and nothing is retried blindly.
 */

export interface CloudflareConfig {
  baseUrl: string;
  zoneId: string;
  token: string;
}

/** What the platform reads of a custom hostname. */
export interface CustomHostname {
  id: string;
  hostname: string;
  /** `pending`, `active`, `moved`, `blocked`, `deleted`, … (Cloudflare's words). */
  status: string;
  /** The certificate's state: `pending_validation`, `active`, `validation_timed_out`, … */
  sslStatus: string | null;
  /** Verification and certificate errors Cloudflare reported, for the studio. */
  errors: string[];
}

export type CloudflareResult<T> = { ok: true; value: T } | { ok: false; message: string };

const DEFAULT_BASE = "https://api.cloudflare.com/client/v4";

/** Configured from the Env, or null: without a token and zone, custom hostnames are not registered. */
export function cloudflareConfig(env: {
  CF_API_TOKEN?: string | undefined;
  CF_ZONE_ID?: string | undefined;
  CF_API_BASE_URL?: string | undefined;
}): CloudflareConfig | null {
  if (!env.CF_API_TOKEN || !env.CF_ZONE_ID) return null;
  return {
    baseUrl: (env.CF_API_BASE_URL ?? DEFAULT_BASE).replace(/\/$/, ""),
    zoneId: env.CF_ZONE_ID,
    token: env.CF_API_TOKEN,
  };
}

interface Envelope {
  success?: boolean;
  errors?: Array<{ code?: number; message?: string }>;
  result?: unknown;
}

function parseHostname(raw: unknown): CustomHostname | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== "string" || typeof r.hostname !== "string" || typeof r.status !== "string") return null;
  const ssl = (r.ssl ?? {}) as Record<string, unknown>;
  const messages = (list: unknown): string[] =>
    Array.isArray(list)
      ? list.map((e) => (e && typeof e === "object" ? String((e as { message?: unknown }).message ?? "") : String(e)))
      : [];
  return {
    id: r.id,
    hostname: r.hostname,
    status: r.status,
    sslStatus: typeof ssl.status === "string" ? ssl.status : null,
    errors: [...messages(r.verification_errors), ...messages(ssl.validation_errors)].filter(Boolean),
  };
}

async function call(
  config: CloudflareConfig,
  method: string,
  path: string,
  body?: unknown,
): Promise<CloudflareResult<unknown>> {
  let res: Response;
  try {
    res = await fetch(`${config.baseUrl}/zones/${encodeURIComponent(config.zoneId)}/custom_hostnames${path}`, {
      method,
      headers: { Authorization: `Bearer ${config.token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    console.error("Cloudflare custom hostnames call failed", method, err instanceof Error ? err.message : err);
    return { ok: false, message: "Cloudflare could not be reached; try again in a minute." };
  }
  const envelope = (await res.json().catch(() => ({}))) as Envelope;
  if (!res.ok || envelope.success === false) {
    const said = envelope.errors
      ?.map((e) => e.message)
      .filter(Boolean)
      .join("; ");
    console.error("Cloudflare custom hostnames answered", res.status, said);
    return { ok: false, message: said ? `Cloudflare refused: ${said}` : `Cloudflare answered ${res.status}.` };
  }
  return { ok: true, value: envelope.result };
}

const asHostname = (r: CloudflareResult<unknown>): CloudflareResult<CustomHostname> => {
  if (!r.ok) return r;
  const parsed = parseHostname(r.value);
  return parsed ? { ok: true, value: parsed } : { ok: false, message: "Cloudflare's answer was not understood." };
};

/** Registers the hostname; Cloudflare validates it over HTTP once its CNAME points at us. */
export async function createCustomHostname(
  config: CloudflareConfig,
  hostname: string,
): Promise<CloudflareResult<CustomHostname>> {
  return asHostname(
    await call(config, "POST", "", {
      hostname,
      ssl: { method: "http", type: "dv", settings: { min_tls_version: "1.2" } },
    }),
  );
}

export async function getCustomHostname(
  config: CloudflareConfig,
  id: string,
): Promise<CloudflareResult<CustomHostname>> {
  return asHostname(await call(config, "GET", `/${encodeURIComponent(id)}`));
}

export async function deleteCustomHostname(config: CloudflareConfig, id: string): Promise<CloudflareResult<null>> {
  const r = await call(config, "DELETE", `/${encodeURIComponent(id)}`);
  return r.ok ? { ok: true, value: null } : r;
}

/** Cloudflare serves the hostname with its certificate: the platform may too. */
export const isLive = (h: CustomHostname): boolean => h.status === "active" && h.sslStatus === "active";

/** States Cloudflare does not leave by itself: the creator must remove the domain and add it again. */
export const hasFailed = (h: CustomHostname): boolean =>
  ["moved", "deleted", "blocked", "pending_blocked", "test_failed"].includes(h.status) ||
  (h.sslStatus !== null && h.sslStatus.endsWith("_timed_out"));
