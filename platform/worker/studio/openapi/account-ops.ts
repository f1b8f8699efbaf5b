import { type JsonSchema, toSchema } from "../../../object/api/openapi/operation";
import { studioQueries } from "../requests";
import { route, type StudioOp } from "./op";

/** The studio's operations that are not about one app: the account, tokens, templates, billing, webhooks. */

const DEV_ONLY = "Development and test only: 404 on a deployed platform (T51).";

/** A zod query object as OpenAPI query parameters, from the very schema the handler parses with. */
export function queryFrom(schema: (typeof studioQueries)[keyof typeof studioQueries]): NonNullable<StudioOp["query"]> {
  const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema> };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    description: typeof s.description === "string" ? s.description : name,
    schema: s,
  }));
}

function authOps(): StudioOp[] {
  const tag = "auth";
  return [
    route("post", "/api/auth/signup", tag, [201, "Signed up; session cookie set", "creator"], {
      summary: "Create a creator account and sign in",
      body: "signup",
    }),
    route("post", "/api/auth/login", tag, [200, "Signed in; a fresh session cookie", "creator"], {
      summary: "Sign in",
      body: "login",
    }),
    route("post", "/api/auth/logout", tag, [204, "Session revoked", null], { summary: "Sign out" }),
    route("get", "/api/auth/me", tag, [200, "Signed in", "creator"], { summary: "The signed-in creator" }),
    route("delete", "/api/auth/sessions", tag, [204, "Every session ended", null], {
      summary: "Sign out everywhere (a browser session only; API tokens are revoked one by one)",
    }),
    route("post", "/api/auth/password", tag, [200, "Changed; every other session and token ended", "creator"], {
      summary: "Change the password",
      body: "passwordChange",
    }),
    route("post", "/api/auth/reset/request", tag, [202, "Accepted (the same answer for any address)", "accepted"], {
      summary: "Mail a password reset link",
      body: "resetRequest",
    }),
    route("post", "/api/auth/reset", tag, [200, "Password changed; every session ended", "accepted"], {
      summary: "Choose a new password with the token from the mail",
      body: "reset",
      extra: ["410"],
    }),
  ];
}

function devOps(): StudioOp[] {
  return [
    route("get", "/api/dev/outbox", "dev", [200, "The studio's mail, newest first", "outbox"], {
      summary: "The studio's own mail (creators' reset links)",
      description: DEV_ONLY,
      query: queryFrom(studioQueries.devOutbox),
    }),
    route("post", "/api/dev/templates", "dev", [201, "Installed", "templatePushed"], {
      summary: "Install a template into this platform (`sandlot template push`, T58)",
      description: DEV_ONLY,
      body: "templatePush",
    }),
  ];
}

function tokenOps(): StudioOp[] {
  return [
    route("post", "/api/tokens", "tokens", [201, "The token, shown this once", "issuedToken"], {
      summary: "Make an API token for the CLI",
      body: "createToken",
    }),
    route("get", "/api/tokens", "tokens", [200, "The creator's tokens (never their secrets)", "tokens"], {
      summary: "List API tokens",
    }),
    route("delete", "/api/tokens/{id}", "tokens", [204, "Revoked", null], { summary: "Revoke an API token" }),
  ];
}

function templateOps(): StudioOp[] {
  return [
    route("get", "/api/templates", "templates", [200, "Every template, with its manifest", "templates"], {
      summary: "The templates an app can start from",
    }),
    route("get", "/api/templates/{id}/files", "templates", [200, "The template's files", "templateFiles"], {
      summary: "A template's blanks and locked files",
    }),
  ];
}

function billingOps(): StudioOp[] {
  const tag = "billing";
  const ticket = "The dev provider's labelled test-mode checkout page for a creator plan (HTML). ";
  return [
    route("get", "/api/billing/connect", tag, [200, "The Stripe connection", "connection"], {
      summary: "The creator's Stripe connection (where their apps' payments go)",
    }),
    route("post", "/api/billing/connect", tag, [200, "Started; where to send the browser", "connectStarted"], {
      summary: "Connect Stripe",
      extra: ["502", "503"],
    }),
    route("get", "/api/billing/plan", tag, [200, "The plan and every plan on offer", "creatorPlan"], {
      summary: "The creator's platform plan and its allowance",
    }),
    route("post", "/api/billing/checkout", tag, [200, "Where to send the browser", "checkout"], {
      summary: "Start a checkout for a platform plan",
      body: "creatorCheckout",
      extra: ["502", "503"],
    }),
    route("get", "/api/billing/dev-checkout/{ticket}", tag, [200, "The page (HTML)", null], {
      summary: "A test-mode checkout page",
      description: ticket + DEV_ONLY,
      extra: ["410"],
    }),
    route("post", "/api/billing/dev-checkout/{ticket}", tag, [303, "Paid; to the success page", null], {
      summary: "Pay a test-mode checkout",
      description: `${ticket}Answers are HTML pages. ${DEV_ONLY}`,
      extra: ["410", "503"],
    }),
  ];
}

function otherOps(): StudioOp[] {
  return [
    route("get", "/api/ai", "ai", [200, "The assistant's state and the creator's usage", "aiStatus"], {
      summary: "The AI assistant: configured or not, and this month's usage",
    }),
    route("post", "/webhooks/stripe", "webhooks", [200, "Received (applied, duplicate or ignored)", null], {
      summary: "Stripe's deliveries; the signature is the authentication (not a browser: no cross-site check)",
      body: { mediaType: "application/json" },
      extra: ["503"],
    }),
    route("get", "/api/openapi.json", "meta", [200, "OpenAPI 3.1", null], { summary: "This document" }),
  ];
}

export function accountOps(): StudioOp[] {
  return [...authOps(), ...devOps(), ...tokenOps(), ...templateOps(), ...billingOps(), ...otherOps()];
}
