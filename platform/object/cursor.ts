import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { z } from "zod";
import { ApiError, badRequest } from "../errors";

/**
 * Pagination cursors: the position of the last row seen, bound to the collection and the list
 * scope it was issued for, and HMAC-SHA256-signed so a client can neither forge a position nor
 * replay a cursor into another list (T19, T10, T57). The scope is a digest of everything that
 * decides which rows the list holds and in what order: the rules' filter for this caller, the
 * caller's `where` and `sort` (see `scopeDigest`).
 */

export interface CursorPosition {
  createdAt: number;
  id: string;
  /** The sort field's value in the last row, when the list is sorted by a field. */
  key?: string | number | null;
}

const payloadSchema = z
  .object({
    v: z.literal(1),
    c: z.string(),
    s: z.string(),
    t: z.number().int(),
    i: z.string().max(64),
    k: z.union([z.string().max(1000), z.number(), z.null()]).optional(),
  })
  .strict();
/** Room for a sort key of an indexed text field (at most 200 characters, JSON-escaped, base64url). */
export const MAX_CURSOR_CHARS = 2048;
const keys = new Map<string, Promise<CryptoKey>>();

function key(secret: string | undefined): Promise<CryptoKey> {
  // A missing secret is a deployment error: refuse rather than sign with something guessable.
  if (!secret || secret.length < 16) throw new ApiError(500, "internal", "Pagination is not configured.");
  let k = keys.get(secret);
  if (!k) {
    k = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.set(secret, k);
  }
  return k;
}

const signed = (payload: string): Uint8Array => new TextEncoder().encode(`sandlot-cursor-v1.${payload}`);

export async function encodeCursor(
  secret: string | undefined,
  bind: { collection: string; scope: string },
  pos: CursorPosition,
): Promise<string> {
  const body = {
    v: 1,
    c: bind.collection,
    s: bind.scope,
    t: pos.createdAt,
    i: pos.id,
    ...(pos.key !== undefined ? { k: pos.key } : {}),
  };
  const payload = encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(body)));
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret), signed(payload)));
  return `${payload}.${encodeBase64urlNoPadding(mac)}`;
}

const invalid = (): ApiError =>
  badRequest("The cursor is not valid. Start the list again without one.", "invalid_cursor");

export async function decodeCursor(
  secret: string | undefined,
  bind: { collection: string; scope: string },
  cursor: string,
): Promise<CursorPosition> {
  if (cursor.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const [payload, mac] = cursor.split(".") as [string, string];
  let macBytes: Uint8Array;
  let json: unknown;
  try {
    macBytes = decodeBase64urlIgnorePadding(mac);
  } catch {
    throw invalid();
  }
  // Constant-time comparison is WebCrypto's job; nothing in the payload is read before it passes.
  if (!(await crypto.subtle.verify("HMAC", await key(secret), macBytes, signed(payload)))) throw invalid();
  try {
    json = JSON.parse(new TextDecoder().decode(decodeBase64urlIgnorePadding(payload)));
  } catch {
    throw invalid();
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.c !== bind.collection || parsed.data.s !== bind.scope) throw invalid();
  const pos: CursorPosition = { createdAt: parsed.data.t, id: parsed.data.i };
  if (parsed.data.k !== undefined) pos.key = parsed.data.k;
  return pos;
}

/**
 * A short digest naming one list: the same value always gives the same digest, any change to
 * the filter, the sort or the caller's own id in it gives another, so a cursor issued for one
 * list cannot be replayed in another (T57).
 */
export async function scopeDigest(value: unknown): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(value))));
  return encodeBase64urlNoPadding(digest.slice(0, 18));
}
