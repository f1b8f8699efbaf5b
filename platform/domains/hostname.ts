import { isProduction } from "../environment";

/**
 * Which hostnames a creator may add as an app's custom domain (T55, T47). Pure; no I/O.
 * A hostname is kept in its ASCII (punycode) form, the one a browser sends as `Host`, so an IDN
 * and its `xn--` spelling are the same claim. Refused: ports, paths, IP addresses, single labels,
 * over-long names, the studio's host and anything at or under `APPS_DOMAIN` (those are the
 * platform's, slug hosts among them), and in production the special-use names that never resolve
 * publicly (`localhost`, `.local`, `.test`, …). In development and test, `<name>.<name>.localhost`
 * simulates a domain (browsers send `*.localhost` to this machine); one label under `localhost`
 * is an app's slug host and stays refused.
 */

export type HostnameCheck = { ok: true; hostname: string } | { ok: false; reason: string };

export interface HostnameRules {
  ENVIRONMENT?: string | undefined;
  STUDIO_HOST: string;
  APPS_DOMAIN: string;
}

const MAX_HOSTNAME = 253;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Only letters, digits, hyphens and dots may be typed (Unicode letters allowed: IDN). */
const TYPED = /^[\p{L}\p{M}\p{N}.-]+$/u;
const IPV4_LIKE = /^[0-9.]+$/;
const SPECIAL_USE = ["localhost", "local", "test", "example", "invalid", "internal", "onion", "home.arpa", "arpa"];

/** Host without a port, lower-case. */
const bareHost = (host: string): string => host.trim().toLowerCase().replace(/:\d+$/, "");

const isAtOrUnder = (hostname: string, parent: string): boolean =>
  parent.length > 0 && (hostname === parent || hostname.endsWith(`.${parent}`));

/** The ASCII form a browser would send, or null when the input is not a hostname at all. */
function toAscii(input: string): string | null {
  if (!TYPED.test(input)) return null;
  try {
    // WHATWG URL parsing applies UTS #46 (IDNA) mapping and punycode, as browsers do.
    return new URL(`http://${input}/`).hostname;
  } catch {
    return null;
  }
}

export function checkHostname(raw: unknown, rules: HostnameRules): HostnameCheck {
  if (typeof raw !== "string") return { ok: false, reason: "Type a domain name such as shop.example.com." };
  const typed = raw.trim().toLowerCase().replace(/\.$/, "");
  if (typed.length === 0) return { ok: false, reason: "Type a domain name such as shop.example.com." };
  if (/[:/@?#\s\\[\]]/.test(typed))
    return { ok: false, reason: "Type the domain name only: no https://, port, path or spaces." };
  const hostname = toAscii(typed);
  if (!hostname) return { ok: false, reason: "That is not a domain name." };
  if (hostname.length > MAX_HOSTNAME) return { ok: false, reason: "That domain name is too long." };
  const labels = hostname.split(".");
  if (labels.length < 2) return { ok: false, reason: "Use a full domain name such as shop.example.com." };
  if (labels.some((l) => !LABEL.test(l))) return { ok: false, reason: "That is not a domain name." };
  if (IPV4_LIKE.test(hostname) || /^[0-9]+$/.test(labels.at(-1) ?? ""))
    return { ok: false, reason: "Use a domain name, not an IP address." };

  const studio = bareHost(rules.STUDIO_HOST);
  const apps = bareHost(rules.APPS_DOMAIN);
  if (isAtOrUnder(hostname, studio) && !isDevSimulated(hostname, rules, apps))
    return { ok: false, reason: "That name belongs to the platform." };
  if (isAtOrUnder(hostname, apps) && !isDevSimulated(hostname, rules, apps))
    return { ok: false, reason: "That name belongs to the platform (app addresses live there already)." };
  if (isProduction(rules) && SPECIAL_USE.some((s) => isAtOrUnder(hostname, s)))
    return { ok: false, reason: "That name cannot be reached on the internet." };
  return { ok: true, hostname };
}

/** Development: `<a>.<b>.localhost` under a `localhost` APPS_DOMAIN, two labels or more (not a slug host). */
function isDevSimulated(hostname: string, rules: HostnameRules, apps: string): boolean {
  if (isProduction(rules) || apps !== "localhost") return false;
  return hostname.endsWith(".localhost") && hostname.split(".").length >= 3;
}
