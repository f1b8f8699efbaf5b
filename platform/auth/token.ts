import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * Secrets in the `<id>.<secret>` shape the Lucia guide describes: the id finds the row, the
 * secret proves possession, and only the secret's SHA-256 is stored, so a leaked table holds no
 * usable credential.
 */

/** 20 random bytes → 32 base32 characters, 160 bits. */
export function randomToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = new TextEncoder().encode(hashSecret(secret));
  const b = new TextEncoder().encode(storedHash);
  return a.length === b.length && constantTimeEqual(a, b);
}

export interface SplitToken {
  id: string;
  secret: string;
}

const PART = /^[a-z2-7]{32}$/;

/** Splits `<id>.<secret>`; anything else is not a token. */
export function splitToken(token: string, options: { prefix?: string } = {}): SplitToken | null {
  let body = token;
  if (options.prefix) {
    if (!token.startsWith(options.prefix)) return null;
    body = token.slice(options.prefix.length);
  }
  const dot = body.indexOf(".");
  if (dot === -1) return null;
  const id = body.slice(0, dot);
  const secret = body.slice(dot + 1);
  if (!PART.test(id) || !PART.test(secret)) return null;
  return { id, secret };
}

export interface IssuedToken {
  id: string;
  token: string;
  secretHash: string;
}

export function issueToken(options: { prefix?: string } = {}): IssuedToken {
  const id = randomToken();
  const secret = randomToken();
  return { id, token: `${options.prefix ?? ""}${id}.${secret}`, secretHash: hashSecret(secret) };
}
