import { decodeBase64urlIgnorePadding } from "@oslojs/encoding";

/**
 * OpenID Connect ID tokens checked by us, with WebCrypto: an RS256 signature by a key from the
 * provider's JWKS, then `iss`, `aud`, `exp` (and `iat`) and the `nonce` this browser's flow was
 * started with (T54). Anything else — another algorithm, an unknown key, a token for another
 * client — is refused, never trusted by default.
 */

export interface IdClaims {
  sub: string;
  email: string | null;
  emailVerified: boolean;
}

export type IdTokenCheck = { ok: true; claims: IdClaims } | { ok: false; reason: string };

export interface IdTokenExpectations {
  jwksUrl: string;
  issuers: readonly string[];
  audience: string;
  nonce: string;
  now: number;
}

/** Clock skew allowed between us and the provider. */
const SKEW_S = 60;
const JWKS_TTL_MS = 10 * 60 * 1000;

interface Jwk {
  kid?: string;
  kty?: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
}

const jwksCache = new Map<string, { at: number; keys: Jwk[] }>();

async function fetchJwks(url: string, now: number, options: { fresh: boolean }): Promise<Jwk[]> {
  const cached = jwksCache.get(url);
  if (cached && !options.fresh && now - cached.at < JWKS_TTL_MS) return cached.keys;
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`JWKS ${res.status}`);
  const body = (await res.json()) as { keys?: unknown };
  const keys = Array.isArray(body.keys) ? (body.keys as Jwk[]) : [];
  jwksCache.set(url, { at: now, keys });
  return keys;
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(part)));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

async function signatureValid(jwk: Jwk, signed: string, signature: Uint8Array): Promise<boolean> {
  if (jwk.kty !== "RSA" || !jwk.n || !jwk.e || (jwk.alg !== undefined && jwk.alg !== "RS256")) return false;
  try {
    const key = await crypto.subtle.importKey(
      "jwk",
      { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RS256", ext: true },
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
    return await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, new TextEncoder().encode(signed));
  } catch {
    return false;
  }
}

export async function verifyIdToken(token: string, expect: IdTokenExpectations): Promise<IdTokenCheck> {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart);
  const claims = decodeJson(payloadPart);
  if (!header || !claims) return { ok: false, reason: "malformed" };
  if (header.alg !== "RS256") return { ok: false, reason: "algorithm" };
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  let signature: Uint8Array;
  try {
    signature = decodeBase64urlIgnorePadding(signaturePart);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const signed = `${headerPart}.${payloadPart}`;
  // A key the cached set does not know may be a rotation: the set is fetched again, once.
  let keys = await fetchJwks(expect.jwksUrl, expect.now, { fresh: false });
  if (kid !== undefined && !keys.some((k) => k.kid === kid))
    keys = await fetchJwks(expect.jwksUrl, expect.now, { fresh: true });
  const candidates = keys.filter((k) => kid === undefined || k.kid === kid);
  let valid = false;
  for (const jwk of candidates) if (!valid) valid = await signatureValid(jwk, signed, signature);
  if (!valid) return { ok: false, reason: "signature" };

  if (typeof claims.iss !== "string" || !expect.issuers.includes(claims.iss)) return { ok: false, reason: "issuer" };
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(expect.audience)) return { ok: false, reason: "audience" };
  // With several audiences, the token must have been issued to us (OIDC Core 3.1.3.7).
  if (audiences.length > 1 && claims.azp !== expect.audience) return { ok: false, reason: "audience" };
  const nowS = Math.floor(expect.now / 1000);
  if (typeof claims.exp !== "number" || claims.exp + SKEW_S < nowS) return { ok: false, reason: "expired" };
  if (typeof claims.iat === "number" && claims.iat - SKEW_S > nowS) return { ok: false, reason: "issued_in_future" };
  if (claims.nonce !== expect.nonce) return { ok: false, reason: "nonce" };
  if (typeof claims.sub !== "string" || claims.sub.length === 0) return { ok: false, reason: "subject" };
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  return { ok: true, claims: { sub: claims.sub, email, emailVerified: claims.email_verified === true } };
}
