import type { MiddlewareHandler } from "hono";
import { tooManyRequests } from "../../errors";
import type { AppApiEnv } from "./context";
import { hitWindow } from "../counters";

const WINDOW_MS = 60_000;

function check(storage: SqlStorage, key: string, limit: number, now: number): void {
  const w = hitWindow(storage, key, now, WINDOW_MS);
  if (w.count > limit) {
    throw tooManyRequests(
      "Too many requests. Slow down and try again in a minute.",
      (w.windowStart + WINDOW_MS - now) / 1000,
    );
  }
}

/**
 * Requests per minute per client IP, counted before any other work (I7). The IP comes from the
 * identity the Worker attached (CF-Connecting-IP as Cloudflare's edge set it), never from a
 * header the DO reads itself.
 */
export const limitByIp: MiddlewareHandler<AppApiEnv> = async (c, next) => {
  const ip = c.get("identity").ip ?? "unknown";
  check(c.get("store").sql, `ip:${ip}`, c.get("limits").requestsPerMinutePerIp, Date.now());
  await next();
};

/** Requests per minute per signed-in user, whatever IPs they come from. */
export const limitByUser: MiddlewareHandler<AppApiEnv> = async (c, next) => {
  const user = c.get("user");
  if (user) check(c.get("store").sql, `user:${user.id}`, c.get("limits").requestsPerMinutePerUser, Date.now());
  await next();
};
