import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Env } from "../env";
import { isProduction } from "../environment";
import { SESSION_TTL_MS } from "./session";

/**
 * Session cookies are host-only (no Domain attribute), HttpOnly and SameSite=Lax everywhere, and
 * `__Host-`-prefixed and Secure in production (anything but development/test, environment.ts), so no sibling origin can
 * set or read them (T14, T23).
 */

export function sessionCookieName(env: Pick<Env, "ENVIRONMENT">, base: string): string {
  return isProduction(env) ? `__Host-${base}` : base;
}

export function readSessionCookie<E extends { Bindings: Env }>(c: Context<E>, base: string): string | undefined {
  return getCookie(c, sessionCookieName(c.env as Env, base));
}

export function writeSessionCookie<E extends { Bindings: Env }>(
  c: Context<E>,
  base: string,
  token: string,
  expiresAt: number,
): void {
  const secure = isProduction(c.env as Env);
  setCookie(c, sessionCookieName(c.env as Env, base), token, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure,
    maxAge: Math.floor(Math.min(SESSION_TTL_MS, expiresAt - Date.now()) / 1000),
  });
}

export function clearSessionCookie<E extends { Bindings: Env }>(c: Context<E>, base: string): void {
  deleteCookie(c, sessionCookieName(c.env as Env, base), { path: "/", secure: isProduction(c.env as Env) });
}
