import { Hono } from "hono";
import { identityFor, withIdentity } from "../../object/identity";
import { forwardLimit } from "../../object/limits";
import { sessionCookieName } from "../../auth/cookies";
import { bufferedRequest } from "../../http/body";
import { appStub } from "../stubs";
import type { Env } from "../../env";
import { isProduction } from "../../environment";
import { notFound } from "../../errors";
import { requireCreator, type StudioEnv } from "./context";
import { requireOwnedApp } from "./owned-app";

/**
 * `ALL /api/apps/:slug/preview/_api/*`: the studio preview's data, on the studio origin. The
 * creator's own apps only; requests go to a SEPARATE preview copy of the app's Durable Object
 * with the same identity mechanism as the app router, so the app-plane code is the same code.
 *
 * Cookies are namespaced both ways: the preview's session cookies live under the preview path
 * with a `sandlot_preview.` prefix, and only those are forwarded (renamed back), so neither the
 * creator's studio session nor an API token ever reaches the app plane.
 */
export const previewRoutes = new Hono<StudioEnv>();

export const PREVIEW_COOKIE_PREFIX = "sandlot_preview.";

export const previewPath = (slug: string): string => `/api/apps/${slug}/preview/`;

/** Only the preview's own cookies, renamed to what the app plane expects. */
export function previewCookiesForApp(env: Pick<Env, "ENVIRONMENT">, header: string | null | undefined): string | null {
  if (!header) return null;
  const kept: string[] = [];
  for (const part of header.split(";")) {
    const pair = part.trim().replace(/^__Secure-/, "");
    if (!pair.startsWith(PREVIEW_COOKIE_PREFIX)) continue;
    const eq = pair.indexOf("=");
    if (eq <= PREVIEW_COOKIE_PREFIX.length) continue;
    kept.push(`${sessionCookieName(env, pair.slice(PREVIEW_COOKIE_PREFIX.length, eq))}${pair.slice(eq)}`);
  }
  return kept.length > 0 ? kept.join("; ") : null;
}

/** An app-plane Set-Cookie, moved under the preview path and prefix; Domain is never kept. */
export function previewSetCookie(env: Pick<Env, "ENVIRONMENT">, line: string, slug: string): string {
  const [pair = "", ...attrs] = line.split(";");
  const eq = pair.indexOf("=");
  const name = pair
    .slice(0, eq)
    .trim()
    .replace(/^__Host-/, "")
    .replace(/^__Secure-/, "");
  const secure = isProduction(env);
  const kept = attrs.map((a) => a.trim()).filter((a) => a !== "" && !/^(path|domain|secure)\b/i.test(a));
  // __Host- requires Path=/, so in production the renamed cookie is __Secure- instead.
  const prefix = secure ? `__Secure-${PREVIEW_COOKIE_PREFIX}` : PREVIEW_COOKIE_PREFIX;
  return [
    `${prefix}${name}${pair.slice(eq)}`,
    `Path=${previewPath(slug)}`,
    ...kept,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

previewRoutes.all("/_api/*", async (c) => {
  const app = await requireOwnedApp(c);
  const url = new URL(c.req.url);
  const prefix = `/api/apps/${app.slug}/preview`;
  if (!url.pathname.startsWith(`${prefix}/_api/`)) throw notFound();
  // The caller owns the app, so their email is the app's creator email (for `creator` rules).
  const identity = identityFor(c.env, { ...app, creatorEmail: requireCreator(c).email });
  const origin = identity.origin;
  const target = new URL(url.pathname.slice(prefix.length) + url.search, origin);

  const headers = new Headers(c.req.raw.headers);
  headers.delete("authorization");
  headers.delete("cookie");
  const cookies = previewCookiesForApp(c.env, c.req.header("cookie"));
  if (cookies) headers.set("cookie", cookies);
  // The app plane sees a same-origin request to the app, which is what the preview stands for.
  headers.set("host", new URL(origin).host);
  if (headers.has("origin")) headers.set("origin", origin);

  const method = c.req.method;
  const body = method === "GET" || method === "HEAD" ? null : c.req.raw.body;
  const forwarded = await bufferedRequest(
    new Request(target, { method, headers, body }),
    forwardLimit(target.pathname),
  );
  const res = await appStub(c.env, app.id, { copy: "preview" }).fetch(
    withIdentity(forwarded, identity, { requestId: c.get("requestId") }),
  );

  const out = new Response(res.body, res);
  out.headers.delete("set-cookie");
  for (const line of res.headers.getSetCookie())
    out.headers.append("set-cookie", previewSetCookie(c.env, line, app.slug));
  return out;
});
