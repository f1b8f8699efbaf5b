import type { Op } from "./operation";

/** The operations every app has, whatever its manifest: auth, files and this document. */

export function authOps(): Op[] {
  const post = (path: string, summary: string, bodyRef: string | null, ok: Op["ok"]): Op => ({
    method: "post",
    path: `/_api/auth/${path}`,
    summary,
    tag: "auth",
    ...(bodyRef ? { body: { ref: bodyRef } } : {}),
    ok,
  });
  return [
    post("signup", "Create an account and sign in", "SignupBody", {
      status: 201,
      description: "Signed up; session cookie set",
      ref: "UserResponse",
    }),
    post("login", "Sign in", "LoginBody", {
      status: 200,
      description: "Signed in; a fresh session cookie",
      ref: "UserResponse",
    }),
    post("logout", "Sign out", null, { status: 204, description: "Session revoked" }),
    {
      method: "get",
      path: "/_api/auth/me",
      summary: "The signed-in user and their entitlements",
      tag: "auth",
      ok: { status: 200, description: "Signed in", ref: "MeResponse" },
    },
    post("verify/request", "Send a new verification mail", null, {
      status: 202,
      description: "Sent if not yet verified",
      ref: "Accepted",
    }),
    post("verify", "Confirm an email address with the token from the mail", "VerifyBody", {
      status: 200,
      description: "Verified",
      ref: "UserResponse",
    }),
    post("reset/request", "Mail a password reset link (same answer for any address)", "ResetRequestBody", {
      status: 202,
      description: "Accepted",
      ref: "Accepted",
    }),
    post("reset", "Choose a new password with the token from the mail; ends every session", "ResetBody", {
      status: 200,
      description: "Password changed",
      ref: "Accepted",
    }),
    post("password", "Change the password; ends every other session", "PasswordChangeBody", {
      status: 200,
      description: "Changed",
      ref: "UserResponse",
    }),
    ...oauthOps(),
  ];
}

/** Sign in with Google/GitHub (docs/oauth.md): browser navigations, answered by the Worker. */
function oauthOps(): Op[] {
  const provider = { provider: { type: "string", enum: ["google", "github"] } };
  return [
    {
      method: "get",
      path: "/_api/auth/providers",
      summary: "The sign-in providers the creator enabled (no ids, no secrets)",
      tag: "auth",
      ok: { status: 200, description: "Enabled providers", ref: "ProvidersResponse" },
    },
    {
      method: "get",
      path: "/_api/auth/oauth/{provider}/start",
      summary: "Open in the browser: redirects to the provider with state, PKCE (S256) and nonce",
      tag: "auth",
      pathSchemas: provider,
      query: [{ name: "return", description: "A path of this app to come back to", schema: { type: "string" } }],
      ok: { status: 302, description: "To the provider's sign-in; a short-lived flow cookie set" },
    },
    {
      method: "get",
      path: "/_api/auth/oauth/{provider}/callback",
      summary: "Where the provider sends the browser back: signs in and redirects into the app",
      tag: "auth",
      pathSchemas: provider,
      query: [
        { name: "state", description: "From the provider's redirect", schema: { type: "string" } },
        { name: "code", description: "From the provider's redirect", schema: { type: "string" } },
      ],
      ok: { status: 302, description: "Signed in; session cookie set. Refusals are an HTML page (400/403)" },
    },
  ];
}

export function fileOps(): Op[] {
  return [
    {
      method: "post",
      path: "/_api/files",
      summary: "Upload a file (multipart field `file`; size, type and quota checked)",
      tag: "files",
      body: "multipart",
      ok: { status: 201, description: "Stored", ref: "FileResponse" },
    },
    {
      method: "get",
      path: "/_api/files/{id}",
      summary: "Download one of your files",
      tag: "files",
      ok: { status: 200, description: "The file's bytes" },
    },
    {
      method: "delete",
      path: "/_api/files/{id}",
      summary: "Delete one of your files",
      tag: "files",
      ok: { status: 204, description: "Deleted" },
    },
    {
      method: "post",
      path: "/_api/billing/checkout",
      summary: "Start a checkout for one of the app's plans",
      tag: "billing",
      body: { ref: "CheckoutBody" },
      ok: { status: 200, description: "Where to send the browser", ref: "UrlResponse" },
    },
    {
      method: "post",
      path: "/_api/billing/purchase",
      summary: "Start a checkout for a one-time product (and, for a per-document product, its document)",
      tag: "billing",
      body: { ref: "PurchaseBody" },
      ok: { status: 200, description: "Where to send the browser", ref: "UrlResponse" },
    },
    {
      method: "get",
      path: "/_api/billing/purchases",
      summary: "What the signed-in user bought and still holds (refunds removed)",
      tag: "billing",
      ok: { status: 200, description: "The user's purchases", ref: "PurchasesResponse" },
    },
    {
      method: "post",
      path: "/_api/billing/portal",
      summary: "Open the billing portal for the signed-in user",
      tag: "billing",
      ok: { status: 200, description: "Where to send the browser", ref: "UrlResponse" },
    },
    {
      method: "get",
      path: "/_api/app",
      summary: "The app's name and address (public)",
      tag: "meta",
      ok: { status: 200, description: "The app", ref: "AppResponse" },
    },
    {
      method: "get",
      path: "/_api/openapi.json",
      summary: "This document",
      tag: "meta",
      ok: { status: 200, description: "OpenAPI 3.1" },
    },
  ];
}
