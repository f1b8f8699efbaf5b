/**
 * Which plane a request belongs to, decided from its Host header alone (I3, T47). Forwarding
 * headers (X-Forwarded-Host, Forwarded, X-Original-Host) are never read: on Cloudflare the Host
 * of a routed request is the one the route matched.
 */

export type HostTarget =
  | { plane: "studio" }
  | { plane: "app"; slug: string }
  /** Possibly a creator's own domain (docs/domains.md): the app router looks it up, 404 if none. */
  | { plane: "custom"; hostname: string }
  | { plane: "unknown" };

const HOST_PATTERN = /^[a-z0-9.-]+(:[0-9]{1,5})?$/;
const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-cases, drops a trailing dot, and drops the default port for the scheme. */
export function normalizeHost(raw: string | null | undefined, scheme: "http" | "https"): string | null {
  if (!raw) return null;
  let host = raw.trim().toLowerCase();
  if (host.length === 0 || host.length > 260 || !HOST_PATTERN.test(host)) return null;
  let port = "";
  const colon = host.lastIndexOf(":");
  if (colon !== -1) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return null;
    if ((scheme === "http" && n === 80) || (scheme === "https" && n === 443)) port = "";
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.length === 0 || host.split(".").some((label) => !LABEL_PATTERN.test(label))) return null;
  return port ? `${host}:${port}` : host;
}

export function classifyHost(
  rawHost: string | null,
  scheme: "http" | "https",
  config: { studioHost: string; appsDomain: string },
): HostTarget {
  const host = normalizeHost(rawHost, scheme);
  if (!host) return { plane: "unknown" };
  const studio = normalizeHost(config.studioHost, scheme);
  const apps = normalizeHost(config.appsDomain, scheme);
  if (host === studio) return { plane: "studio" };
  if (apps && host.endsWith(`.${apps}`)) {
    const slug = host.slice(0, -(apps.length + 1));
    // Exactly one label: `a.b.<apps>` is not an app (no nested tenants).
    if (LABEL_PATTERN.test(slug) && !slug.includes(".")) return { plane: "app", slug };
  }
  const hostname = customHostname(host, { studio, apps });
  return hostname ? { plane: "custom", hostname } : { plane: "unknown" };
}

const splitPort = (host: string): { name: string; port: string } => {
  const colon = host.lastIndexOf(":");
  return colon === -1 ? { name: host, port: "" } : { name: host.slice(0, colon), port: host.slice(colon + 1) };
};

/**
 * A host that may be a custom domain: on the port app hosts use (none in production), at least
 * two labels, and never at or under the studio's host or APPS_DOMAIN — except, when APPS_DOMAIN
 * is `localhost` (development), nested `<a>.<b>.localhost` names, which simulate custom domains.
 */
function customHostname(host: string, config: { studio: string | null; apps: string | null }): string | null {
  if (!config.apps) return null;
  const { name, port } = splitPort(host);
  const apps = splitPort(config.apps);
  if (port !== apps.port || !name.includes(".")) return null;
  const simulated = apps.name === "localhost" && name.endsWith(".localhost") && name.split(".").length >= 3;
  if (simulated) return name;
  const studio = config.studio ? splitPort(config.studio).name : "";
  for (const parent of [apps.name, studio]) {
    if (parent && (name === parent || name.endsWith(`.${parent}`))) return null;
  }
  return name;
}

/** The plane of an incoming request, from its Host header (the URL's host when a runtime omits it). */
export function targetOf(request: Request, env: { STUDIO_HOST: string; APPS_DOMAIN: string }): HostTarget {
  const url = new URL(request.url);
  return classifyHost(request.headers.get("host") ?? url.host, url.protocol === "https:" ? "https" : "http", {
    studioHost: env.STUDIO_HOST,
    appsDomain: env.APPS_DOMAIN,
  });
}
