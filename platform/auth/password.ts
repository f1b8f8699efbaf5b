import { argon2idAsync } from "@noble/hashes/argon2.js";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase64, encodeBase64 } from "@oslojs/encoding";
import type { Env } from "../env";
import { devFeaturesEnabled } from "../environment";

/**
 * Passwords hashed with argon2id at OWASP's minimum (m=19 MiB, t=2, p=1), stored in PHC string
 * form so parameters can be raised later without invalidating old hashes.
 */

type Params = { readonly m: number; readonly t: number; readonly p: number };

const OWASP: Params = { m: 19_456, t: 2, p: 1 };

/**
 * The cost new hashes are made at. Always OWASP's, except in the workerd test suite, which sets
 * `PASSWORD_HASH_COST=fast-for-tests` so its thousand sign-ups do not spend most of CI's time in
 * argon2id (~1.5 s each in workerd). The same algorithm, salt, encoding and verification run either
 * way; only memory and passes shrink (as Django's and Rails' test settings do). The switch is
 * ignored outside `development`/`test` (T51), and verification always reads the cost from the
 * stored hash, so a hash made either way verifies either way.
 */
export interface HashCost {
  readonly params: Params;
}

const FAST_FOR_TESTS: HashCost = { params: { m: 64, t: 1, p: 1 } };
const PRODUCTION: HashCost = { params: OWASP };

export function hashCostOf(env: Pick<Env, "ENVIRONMENT" | "PASSWORD_HASH_COST">): HashCost {
  return env.PASSWORD_HASH_COST === "fast-for-tests" && devFeaturesEnabled(env) ? FAST_FOR_TESTS : PRODUCTION;
}
const HASH_BYTES = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/**
 * How many argon2id computations this isolate has run (hashes and verifications): the CPU the
 * hash budget (hash-budget.ts) protects. Read by operators' diagnostics and by the T49 tests,
 * which prove that refused requests never reach a hash.
 */
let argon2Runs = 0;
export const argon2RunCount = (): number => argon2Runs;

async function argon2(
  password: string,
  salt: Uint8Array,
  params: { m: number; t: number; p: number; dkLen: number },
): Promise<Uint8Array> {
  argon2Runs += 1;
  return argon2idAsync(password.normalize("NFKC"), salt, params);
}

export async function hashPassword(password: string, cost: HashCost): Promise<string> {
  const salt = new Uint8Array(16);
  crypto.getRandomValues(salt);
  const { m, t, p } = cost.params;
  const hash = await argon2(password, salt, { m, t, p, dkLen: HASH_BYTES });
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${encodeBase64(salt)}$${encodeBase64(hash)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** A stored value that is a password hash at all (an imported user has none until they reset). */
export const isPasswordHash = (stored: string): boolean => PHC.test(stored);

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored);
  if (!m) return false;
  const [, mem, time, par, saltB64, hashB64] = m;
  const expected = decodeBase64(hashB64!);
  const actual = await argon2(password, decodeBase64(saltB64!), {
    m: Number(mem),
    t: Number(time),
    p: Number(par),
    dkLen: expected.length,
  });
  return constantTimeEqual(actual, expected);
}

/**
 * A hash of nothing anyone knows, verified when the account does not exist so that a wrong email
 * costs the same time as a wrong password (T21).
 */
const dummyHashes = new Map<HashCost, Promise<string>>();
export async function verifyAgainstDummy(password: string, cost: HashCost): Promise<false> {
  let dummy = dummyHashes.get(cost);
  if (!dummy) {
    dummy = hashPassword(crypto.randomUUID(), cost);
    dummyHashes.set(cost, dummy);
  }
  await verifyPassword(password, await dummy);
  return false;
}
