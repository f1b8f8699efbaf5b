import type { MiddlewareHandler } from "hono";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { clientKey } from "../http/client-key";

/**
 * The Workers Rate Limiting binding in front of the expensive routes (T49): studio sign-up,
 * login and password routes, publish, the preview's and every app's `/_api/auth/*`. It counts at
 * the edge, before a D1 read, a Durable Object call, a build or a hash, so a flood is refused for
 * the price of a counter. Counts are per Cloudflare location and approximate, which is why the
 * exact budgets (auth/hash-budget.ts) still stand behind it.
 *
 * A deployment without the binding (a misconfigured environment) is not locked out: the request
 * goes on to the exact budgets, and the gap is logged once.
 */

type Limiter = "AUTH_LIMITER" | "PUBLISH_LIMITER";

const PERIOD_SECONDS: Record<Limiter, number> = { AUTH_LIMITER: 60, PUBLISH_LIMITER: 60 };
const missingReported = new Set<Limiter>();

export type EdgeVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function edgeLimit(env: Pick<Env, Limiter>, limiter: Limiter, key: string): Promise<EdgeVerdict> {
  const binding = env[limiter];
  if (!binding) {
    if (!missingReported.has(limiter)) {
      missingReported.add(limiter);
      console.warn(`${limiter} is not bound (wrangler.toml [[ratelimits]]); relying on the storage budgets alone.`);
    }
    return { allowed: true };
  }
  const { success } = await binding.limit({ key });
  return success ? { allowed: true } : { allowed: false, retryAfterSeconds: PERIOD_SECONDS[limiter] };
}

export function rateLimitedError(verdict: Extract<EdgeVerdict, { allowed: false }>): ApiError {
  return new ApiError(429, "rate_limited", `Too many requests. Try again in a minute.`, {
    headers: { "Retry-After": String(verdict.retryAfterSeconds) },
  });
}

/** The client of a request at the edge: Cloudflare's CF-Connecting-IP, IPv6 by /64. */
export const edgeClient = (request: Request): string => clientKey(request.headers.get("cf-connecting-ip"));

/**
 * Middleware for one limiter. `scope` names what the client is aimed at (e.g. `app:<id>`), so one
 * app's flood does not spend another's; `when` picks the requests that count.
 */
export function limitAtEdge<E extends { Bindings: Env }>(
  limiter: Limiter,
  options: {
    scope: (c: Parameters<MiddlewareHandler<E>>[0]) => string;
    when?: (method: string, path: string) => boolean;
  },
): MiddlewareHandler<E> {
  return async (c, next) => {
    if (!options.when || options.when(c.req.method, c.req.path)) {
      const verdict = await edgeLimit(c.env, limiter, `${options.scope(c)}:${edgeClient(c.req.raw)}`);
      if (!verdict.allowed) throw rateLimitedError(verdict);
    }
    await next();
  };
}
