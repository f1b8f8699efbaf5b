import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/**
 * Who a request counts against, for budgets and rate limits (T49): an IPv4 address as it is, an
 * IPv6 address by its /64 (one subscriber usually holds a whole /64, so counting single v6
 * addresses would hand every client 2^64 budgets). The address is the one Cloudflare's edge
 * reported (CF-Connecting-IP); without one (only outside Cloudflare) every request is "unknown".
 */
export function clientKey(ip: string | null | undefined): string {
  let raw = ip?.trim().toLowerCase() ?? "";
  // An IPv4 client written as an IPv4-mapped IPv6 address is that IPv4 client.
  raw = raw.replace(/^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/, "$1");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(raw)) return raw.split(".").every((n) => Number(n) <= 255) ? raw : "unknown";
  if (raw.includes(":")) {
    const groups = expandIpv6(raw);
    if (groups) return `${groups.slice(0, 4).join(":")}::/64`;
  }
  return "unknown";
}

/** The eight 16-bit groups of an IPv6 address (with `::` and an embedded IPv4 tail), or null. */
function expandIpv6(addr: string): string[] | null {
  let text = addr.replace(/%.*$/, "").replace(/^\[|\]$/g, "");
  // An IPv4-mapped or -embedded tail counts as the last two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((n) => n > 255)) return null;
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => "0"), ...tail];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}

/** The client key as stored next to counters: a short hash, so budgets keep no addresses at rest. */
export function clientTag(ip: string | null | undefined): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`client:${clientKey(ip)}`))).slice(0, 24);
}
