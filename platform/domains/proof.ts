/**
 * Ownership proof for a custom domain (T55): a TXT record `_sandlot-challenge.<hostname>` holding
 * the domain's token, read over DNS-over-HTTPS (the JSON API, `application/dns-json`) from the
 * resolver `DOMAINS_DOH_URL` names — in tests and `npm start` a local server of ours that speaks
 * the same HTTP (scripts/domains-standin.mjs). Only a resolver the operator configured is ever
 * asked; the creator's input picks a DNS name to look up, never a server to contact (T43).
 */

export const CHALLENGE_LABEL = "_sandlot-challenge";
const DEFAULT_DOH = "https://cloudflare-dns.com/dns-query";
const TXT = 16;

export type ProofResult = { ok: true } | { ok: false; message: string };

export const challengeName = (hostname: string): string => `${CHALLENGE_LABEL}.${hostname}`;

/** A TXT answer's data is quoted character-strings; long values come split in several. */
function txtValue(data: string): string {
  const parts = data.match(/"((?:[^"\\]|\\.)*)"/g);
  return parts ? parts.map((p) => p.slice(1, -1).replace(/\\(.)/g, "$1")).join("") : data;
}

export async function proveByTxt(
  env: { DOMAINS_DOH_URL?: string | undefined },
  hostname: string,
  token: string,
): Promise<ProofResult> {
  const url = new URL(env.DOMAINS_DOH_URL ?? DEFAULT_DOH);
  url.searchParams.set("name", challengeName(hostname));
  url.searchParams.set("type", "TXT");
  let body: { Status?: number; Answer?: Array<{ type?: number; data?: string }> };
  try {
    const res = await fetch(url, {
      headers: { Accept: "application/dns-json" },
      redirect: "manual",
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`resolver answered ${res.status}`);
    body = await res.json();
  } catch (err) {
    console.error("DNS-over-HTTPS lookup failed", err instanceof Error ? err.message : err);
    return { ok: false, message: "The DNS lookup failed; try again in a minute." };
  }
  const values = (body.Answer ?? [])
    .filter((a) => a.type === TXT && typeof a.data === "string")
    .map((a) => txtValue(a.data ?? ""));
  if (values.includes(token)) return { ok: true };
  if (values.length === 0)
    return {
      ok: false,
      message: `No TXT record found at ${challengeName(hostname)} yet. DNS changes can take a few minutes.`,
    };
  return { ok: false, message: `The TXT record at ${challengeName(hostname)} does not hold this domain's token.` };
}
