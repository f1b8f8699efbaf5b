import { type JsonSchema, operation, toSchema } from "../../../object/api/openapi/operation";
import { errorResponse } from "../../../object/api/contract";
import { studioResponses } from "../contract";
import { studioBodies } from "../requests";
import { accountOps } from "./account-ops";
import { appScopedOps } from "./app-ops";
import { componentName, type StudioOp } from "./op";

/**
 * The studio API's OpenAPI 3.1 document, written from its operation table (account-ops.ts,
 * app-ops.ts: checked against the router by test/integration/studio-openapi.test.ts) and the very
 * zod schemas its handlers parse bodies with (requests.ts) and shape answers with (contract.ts).
 * Served at GET /api/openapi.json and committed as docs/openapi/studio.json (scripts/gen-docs.mjs).
 */

/** What any studio operation may answer besides its success. */
const STUDIO_ERRORS: Record<string, string> = {
  "400": "Invalid request (code names the problem, e.g. invalid_json, invalid_slug, invalid_files, confirm_mismatch)",
  "401": "Sign in first (or invalid_credentials)",
  "403": "Not allowed (e.g. cross_site, session_required, limit_reached)",
  "404": "Absent, or another creator's (the same answer, T15)",
  "409": "Conflict (e.g. email_taken, slug_taken, a draft changed since your revision)",
  "413": "Too large (payload_too_large, storage_full)",
  "415": "Wrong content type",
  "429": "Too many requests (Retry-After says when to try again)",
};

const EXTRA_ERRORS: Record<NonNullable<StudioOp["extra"]>[number], string> = {
  "410": "Gone: a single-use link or token already used, or expired",
  "422": "The app's sources did not build, or the domain's records do not prove ownership yet",
  "502": "The payment provider failed to answer",
  "503": "The platform lacks the service here (no AI, domain, payment or OAuth configuration), or retry_later",
};

export function studioOperations(): StudioOp[] {
  return [...accountOps(), ...appScopedOps()];
}

function components(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = { Error: toSchema(errorResponse, "output") };
  for (const [name, schema] of Object.entries(studioBodies))
    out[`${componentName(name)}Body`] = toSchema(schema, "input");
  for (const [name, schema] of Object.entries(studioResponses))
    out[`${componentName(name)}Response`] = toSchema(schema, "output");
  return out;
}

export function buildStudioOpenApi(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of studioOperations()) {
    const errors = { ...STUDIO_ERRORS };
    for (const status of op.extra ?? []) errors[status] = EXTRA_ERRORS[status];
    const item = paths[op.path] ?? {};
    item[op.method] = operation(op, errors);
    paths[op.path] = item;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Sandlot studio API",
      version: "1",
      description:
        "The API the studio (web/) and the sandlot CLI use: a creator's account, apps, drafts, publishing and " +
        'settings. Errors are {"error":{"code","message","requestId"}}. Signed in by the session cookie (a ' +
        "same-origin browser; cross-site writes answer 403 cross_site) or an API token (Authorization: Bearer). " +
        "An app's own API, and the preview copy's under /api/apps/{slug}/preview/_api, has its own document " +
        "(/_api/openapi.json on the app's host).",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    // Relative: the studio's own origin, whichever it is served from.
    servers: [{ url: "/" }],
    paths,
    components: { schemas: components() },
  };
}
