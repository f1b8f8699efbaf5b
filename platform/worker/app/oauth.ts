import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { customOrigin } from "../../apps/origin";
import { sessionCookieName, writeSessionCookie } from "../../auth/cookies";
import { isProduction } from "../../environment";
import { notFound } from "../../errors";
import { cookieValues, USER_COOKIE } from "../../object/session-user";
import { enabledProviders, providerCredentials } from "../../oauth/config";
import { endpointsFor, isOAuthProvider, PROVIDER_LABELS, type OAuthProvider } from "../../oauth/endpoints";
import { authorizationUrl, exchangeCode } from "../../oauth/exchange";
import { FLOW_TTL_MS, startFlow, consumeFlow } from "../../oauth/flows";
import { oauthRedirectUri } from "../../oauth/redirect-uri";
import { appStub } from "../stubs";
import type { AppOriginContext, AppRouterEnv } from "./context";
import { signInRefusedPage } from "./oauth-page";

/**
 * "Sign in with Google/GitHub" on an app's own origin, in the Worker (docs/oauth.md, T54):
 *
 *   GET /_api/auth/providers                   which buttons to show (no ids, no secrets)
 *   GET /_api/auth/oauth/:provider/start       302 to the provider: state, PKCE S256, nonce; the
 *                                              flow is bound to this browser by a short cookie
 *   GET /_api/auth/oauth/:provider/callback    state checked and used up, code exchanged, the ID
 *                                              token or the GitHub user verified, then the app's
 *                                              object links the account and issues the session
 *
 * The Worker, not the app's object, talks to the provider: the secret is opened here and nowhere
 * else, and the object only ever sees an identity the Worker verified (an RPC, not a header a
 * browser could send).
 */
export const oauthRoutes = new Hono<AppRouterEnv>();

const FLOW_COOKIE = "sandlot_oauth";

/** Same-origin paths only: `/x`, never `//host`, `/\host` or a scheme (an open redirect otherwise). */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Control characters (a header split, a tab browsers drop to turn `/\t/host` into `//host`).
  if (value.length > 512 || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch === "\u007f")) return "/";
  return value;
}

function providerParam(c: AppOriginContext): OAuthProvider {
  const provider = c.req.param("provider") ?? "";
  if (!isOAuthProvider(provider)) throw notFound("No such sign-in provider.");
  return provider;
}

const NOT_ENABLED = "This app does not offer that way of signing in.";

oauthRoutes.get("/providers", async (c) => {
  const providers = await enabledProviders(c.env.DB, c.get("app").id);
  return c.json({ providers: providers.map((id) => ({ id, name: PROVIDER_LABELS[id] })) }, 200, {
    "Cache-Control": "no-store",
  });
});

oauthRoutes.get("/oauth/:provider/start", async (c) => {
  const provider = providerParam(c);
  const app = c.get("app");
  // A page still open on the subdomain after a custom domain went live: start where the callback lands.
  if (app.customHost && new URL(c.req.url).hostname !== app.customHost) {
    const here = new URL(c.req.url);
    return c.redirect(`${customOrigin(c.env, app.customHost)}${here.pathname}${here.search}`, 302);
  }
  const lookup = await providerCredentials(c.env.DB, c.env.OAUTH_SECRETS_KEY, app.id, provider);
  if (!lookup.ok) {
    if (lookup.reason !== "not_enabled") console.error(`oauth ${provider} for ${app.slug}: ${lookup.reason}`);
    return signInRefusedPage("Sign-in unavailable", NOT_ENABLED, 404);
  }
  const now = Date.now();
  const flow = await startFlow(
    c.env.DB,
    { appId: app.id, provider, returnTo: safeReturnTo(c.req.query("return")) },
    now,
  );
  const url = authorizationUrl(
    endpointsFor(c.env, provider),
    lookup.credentials,
    oauthRedirectUri(c.env, app, provider),
    flow,
  );
  setCookie(c, sessionCookieName(c.env, FLOW_COOKIE), flow.binding, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: isProduction(c.env),
    maxAge: Math.floor(FLOW_TTL_MS / 1000),
  });
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  return c.redirect(url.toString(), 302);
});

const REFUSALS = {
  flow: [
    "Sign-in expired",
    "This sign-in link is not valid any more (it was used, it is too old, or it was started in another browser). " +
      "Start again from the app.",
    400,
  ],
  denied: ["Sign-in cancelled", "The provider did not sign you in. Start again from the app if you want to.", 400],
  code: ["Sign-in failed", "The provider refused the sign-in. Start again from the app.", 400],
  token: ["Sign-in failed", "The provider's answer could not be verified, so you were not signed in.", 403],
  unverified_email_taken: [
    "Email not verified",
    "An account with this email already exists, but your provider has not verified the address, so it was not " +
      "linked. Verify the address with your provider, or sign in with your password.",
    403,
  ],
  unverified_email: [
    "Email not verified",
    "Your provider has not verified your email address, so no account was created. " +
      "Verify it with your provider and try again.",
    403,
  ],
  no_email: ["No email address", "Your provider did not share an email address, so you could not be signed in.", 403],
  unavailable: ["Sign-in unavailable", "The provider could not be reached. Try again in a moment.", 502],
} as const satisfies Record<string, readonly [string, string, 400 | 403 | 502]>;

function refuse(c: AppOriginContext, why: keyof typeof REFUSALS): Response {
  const [title, message, status] = REFUSALS[why];
  const res = signInRefusedPage(title, message, status);
  // The flow cookie has done its job either way.
  deleteCookie(c, sessionCookieName(c.env, FLOW_COOKIE), { path: "/", secure: isProduction(c.env) });
  for (const line of c.res.headers.getSetCookie()) res.headers.append("Set-Cookie", line);
  return res;
}

oauthRoutes.get("/oauth/:provider/callback", async (c) => {
  const provider = providerParam(c);
  const app = c.get("app");
  const state = c.req.query("state");
  const code = c.req.query("code");
  if (!state) return refuse(c, "flow");
  const now = Date.now();
  const bindings = cookieValues(c.req.header("cookie"), sessionCookieName(c.env, FLOW_COOKIE));
  // Used up before anything else, so the same state (and its code) never works twice (T54).
  const use = await consumeFlow(c.env.DB, { state, bindings, appId: app.id }, now);
  if (!use.ok || use.flow.provider !== provider) return refuse(c, "flow");
  if (c.req.query("error") || !code) return refuse(c, "denied");
  const lookup = await providerCredentials(c.env.DB, c.env.OAUTH_SECRETS_KEY, app.id, provider);
  if (!lookup.ok) return signInRefusedPage("Sign-in unavailable", NOT_ENABLED, 404);
  const exchanged = await exchangeCode(
    endpointsFor(c.env, provider),
    lookup.credentials,
    oauthRedirectUri(c.env, app, provider),
    { code, flow: use.flow, now },
  );
  if (!exchanged.ok) {
    console.warn(`oauth ${provider} for ${app.slug}: ${exchanged.reason} (${exchanged.detail})`);
    return refuse(
      c,
      exchanged.reason === "code_rejected" ? "code" : exchanged.reason === "id_token_invalid" ? "token" : "unavailable",
    );
  }
  const signedIn = await appStub(c.env, app.id).signInWithProvider(exchanged.identity, c.req.header("cookie") ?? null);
  if (!signedIn.ok) return refuse(c, signedIn.reason);
  deleteCookie(c, sessionCookieName(c.env, FLOW_COOKIE), { path: "/", secure: isProduction(c.env) });
  writeSessionCookie(c, USER_COOKIE, signedIn.token, signedIn.expiresAt);
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  return c.redirect(use.flow.returnTo, 302);
});
