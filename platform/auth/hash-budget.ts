import { ApiError } from "../errors";
import type { ThrottleStore } from "./throttle";

/**
 * CPU is a budget (I7, T49). One argon2id computation costs ~0.5 s of CPU; an app's Durable
 * Object runs one request at a time, so a client that makes it hash all day takes the app down
 * for everyone. Every hash and every verification is charged here BEFORE it runs, per client
 * (IPv4 address or IPv6 /64, http/client-key.ts) and per scope (one app's object, or the whole
 * studio), in fixed one-minute windows in the same atomic counter table the login throttle uses.
 * Over either budget the request answers 429 with Retry-After and nothing is hashed.
 *
 * Sizes: a person signs up or signs in a handful of times a minute at most, so 10 per client per
 * minute never bothers one but caps a single attacker at ~5 s of CPU a minute. 60 per app per
 * minute keeps a distributed attack to half of the object's time, so the app still serves reads.
 * The studio runs in stateless Workers and can take more: 600 a minute across every client.
 */

export const HASH_BUDGET = {
  windowMs: 60_000,
  perClient: 10,
  perApp: 60,
  perStudio: 600,
} as const;

export type HashScope = "app" | "studio";

export type HashVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; over: "client" | "scope" };

const keyOf = (scope: HashScope, client: string): { client: string; scope: string } => ({
  client: `hash:${scope}:client:${client}`,
  scope: `hash:${scope}:all`,
});

/**
 * Charges `hashes` computations to the client and the scope. The client is charged first so that
 * a client already over its own budget cannot spend the scope's.
 */
export async function chargeHashes(
  store: ThrottleStore,
  input: { scope: HashScope; clientTag: string; now: number; hashes?: number },
): Promise<HashVerdict> {
  const keys = keyOf(input.scope, input.clientTag);
  const limit = input.scope === "app" ? HASH_BUDGET.perApp : HASH_BUDGET.perStudio;
  const n = input.hashes ?? 1;
  for (let i = 0; i < n; i++) {
    const own = await store.hit(keys.client, input.now, HASH_BUDGET.windowMs);
    if (own.attempts > HASH_BUDGET.perClient) return refuse(own.windowStart, input.now, "client");
  }
  for (let i = 0; i < n; i++) {
    const all = await store.hit(keys.scope, input.now, HASH_BUDGET.windowMs);
    if (all.attempts > limit) return refuse(all.windowStart, input.now, "scope");
  }
  return { allowed: true };
}

function refuse(windowStart: number, now: number, over: "client" | "scope"): HashVerdict {
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + HASH_BUDGET.windowMs - now) / 1000)),
    over,
  };
}

/** The 429 for a refused charge: the words say whose budget ran out, never anything about an account. */
export function hashBudgetError(verdict: Extract<HashVerdict, { allowed: false }>, scope: HashScope): ApiError {
  const message =
    verdict.over === "client"
      ? `Too many password attempts from your network. Try again in ${verdict.retryAfterSeconds} seconds.`
      : scope === "app"
        ? `This app is handling too many sign-ins right now. Try again in ${verdict.retryAfterSeconds} seconds.`
        : `Sandlot is handling too many sign-ins right now. Try again in ${verdict.retryAfterSeconds} seconds.`;
  return new ApiError(429, "too_many_requests", message, {
    headers: { "Retry-After": String(verdict.retryAfterSeconds) },
  });
}

/** Charges, and throws the 429 when refused: the one line a route puts before each hash. */
export async function spendHashes(
  store: ThrottleStore,
  input: { scope: HashScope; clientTag: string; now: number; hashes?: number },
): Promise<void> {
  const verdict = await chargeHashes(store, input);
  if (!verdict.allowed) throw hashBudgetError(verdict, input.scope);
}
