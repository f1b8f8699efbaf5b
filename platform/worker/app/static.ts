import type { ServedApp } from "../../apps/queries";
import { r2Keys } from "../../apps/r2-keys";
import { getCookie } from "hono/cookie";
import { sessionCookieName } from "../../auth/cookies";
import { isProduction } from "../../environment";
import type { AppOriginContext } from "./context";

/**
 * A published app is immutable files in R2: content-hashed assets shared by every version under
 * `apps/<id>/assets/`, and one `index.html` per version under `apps/<id>/versions/<n>/`. Moving
 * the app's current version (publish, rollback) is all it takes to switch what is live.
 * Keys: platform/apps/r2-keys.ts.
 */

const ASSET_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

const FRIENDLY_PAGE_CSS = [
  "body{font:16px/1.5 system-ui,sans-serif;display:grid;place-items:center;min-height:100vh;margin:0;",
  "background:#f6f5f2;color:#222}main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.4rem}",
].join("");

/** Browsers cap cookie lifetimes at 400 days. */
const COOKIE_MAX_AGE_S = 60 * 60 * 24 * 400;

function friendlyPage(title: string, body: string, status: 404 | 410 | 503): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>${FRIENDLY_PAGE_CSS}</style></head>
<body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A slug whose app its creator deleted (T46): said plainly, and never anyone else's app. */
export function deletedAppPage(): Response {
  return friendlyPage(
    "This app was removed",
    "Its creator deleted it. Nothing is served here any more, and nothing you gave it is kept.",
    410,
  );
}

export function unknownAppPage(): Response {
  return friendlyPage(
    "Nothing here yet",
    "There is no app at this address. Check the link, or ask its creator whether it has moved.",
    404,
  );
}

/** A path on a known app that names no file. */
export function missingFilePage(): Response {
  return friendlyPage("Not found", "No such file.", 404);
}

export async function servePublished(c: AppOriginContext, app: ServedApp): Promise<Response> {
  const path = new URL(c.req.url).pathname;
  // Before the version check: assets belong to no one version, and the copy of the app this
  // request was resolved from may predate the first publish (worker/app/resolve.ts).
  if (path.startsWith("/assets/")) {
    const name = path.slice("/assets/".length);
    if (!ASSET_NAME.test(name) || name.includes("..")) return missingFilePage();
    const object = await c.env.BUCKET.get(r2Keys.asset(app.id, name));
    if (!object) return missingFilePage();
    const headers = new Headers();
    object.writeHttpMetadata(headers);
    headers.set("ETag", object.httpEtag);
    // Names carry a content hash, so a name always means the same bytes.
    headers.set("Cache-Control", "public, max-age=31536000, immutable");
    return new Response(object.body, { headers });
  }
  if (app.currentVersion === null) {
    return friendlyPage("Coming soon", "This app has not been published yet. Check back shortly.", 404);
  }
  const index = await c.env.BUCKET.get(r2Keys.index(app.id, app.currentVersion));
  if (!index)
    return friendlyPage("Temporarily unavailable", "This app could not be loaded. Try again in a moment.", 503);
  const headers = new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-cache",
    ETag: index.httpEtag,
  });
  if (app.slugReused) freshStartFor(c, app.id, headers);
  return new Response(index.body, { headers });
}

/**
 * A slug another app had before (T46): the origin is the same, so a browser still holds that
 * app's cookies, localStorage, IndexedDB and cache, which the new app's code could read. The first
 * page a browser loads from the new app tells it to drop all of them (Clear-Site-Data), and a
 * host-only marker cookie naming the new app keeps that to once per browser.
 */
function freshStartFor(c: AppOriginContext, appId: string, headers: Headers): void {
  const name = sessionCookieName(c.env, SITE_COOKIE);
  if (getCookie(c, name) === appId) return;
  headers.set("Clear-Site-Data", '"cache", "cookies", "storage"');
  const secure = isProduction(c.env) ? "; Secure" : "";
  headers.append(
    "Set-Cookie",
    `${name}=${appId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${COOKIE_MAX_AGE_S}${secure}`,
  );
}

export const SITE_COOKIE = "sandlot_site";
