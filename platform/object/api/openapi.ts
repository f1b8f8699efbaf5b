import { Hono } from "hono";
import { z } from "zod";
import { type CollectionSpec, type FieldSpec, type Manifest, MAX_INDEXED_TEXT } from "../../manifest/schema";
import { MAX_CURSOR_CHARS } from "../cursor";
import {
  acceptedResponse,
  billingCheckoutBody,
  errorResponse,
  fileResponse,
  loginBody,
  meResponse,
  passwordChangeBody,
  resetBody,
  resetRequestBody,
  signupBody,
  urlResponse,
  userResponse,
  verifyBody,
} from "./contract";
import type { AppApiEnv } from "./context";
import { collectionSchemas } from "../documents";

/**
 * `GET /_api/openapi.json`: the app's contract as OpenAPI 3.1, generated from the same zod
 * schemas the handlers validate with, plus this app's collections from its manifest.
 */
export const openapiRoutes = new Hono<AppApiEnv>();

type JsonSchema = Record<string, unknown>;
interface Op {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  body?: { ref: string } | "multipart";
  ok: { status: number; description: string; ref?: string };
  /** A second success answer without a body. */
  alsoOk?: { status: number; description: string };
  query?: Array<{ name: string; description: string; schema: JsonSchema }>;
}

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

function authOps(): Op[] {
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
  ];
}

/** The list's query parameters: paging, and the filters and sort orders this collection declares. */
function listQuery(spec: CollectionSpec): NonNullable<Op["query"]> {
  const indexed = spec.indexed ?? [];
  const sorts = ["createdAt", ...indexed].flatMap((f) => [f, `-${f}`]);
  const where = indexed.map((field) => ({
    name: `where[${field}]`,
    description: `Only items whose ${field} equals this value (narrows what the rules allow)`,
    schema: filterSchema(spec.fields[field] as FieldSpec),
  }));
  return [
    {
      name: "limit",
      description: "Items per page, 1–100 (default 20; larger values are clamped)",
      schema: { type: "string", pattern: "^[0-9]{1,12}$" },
    },
    {
      name: "cursor",
      description: "nextCursor from the previous page of the same query (bound to its filters and sort)",
      schema: { type: "string", maxLength: MAX_CURSOR_CHARS },
    },
    {
      name: "sort",
      description: "Order: a field, ascending, or -field, descending (default createdAt)",
      schema: { type: "string", enum: sorts },
    },
    { name: "where[ownerId]", description: "@me: only your own items", schema: { type: "string", enum: ["@me"] } },
    ...where,
  ];
}

function filterSchema(field: FieldSpec): JsonSchema {
  switch (field.type) {
    case "boolean":
      return { type: "string", enum: ["true", "false"] };
    case "number":
      return { type: "string", pattern: "^-?[0-9]" };
    case "select":
      return { type: "string", enum: field.options };
    default:
      return { type: "string", maxLength: MAX_INDEXED_TEXT };
  }
}

function collectionOps(name: string, manifest: Manifest): Op[] {
  const spec = manifest.collections[name] as CollectionSpec;
  const rules = spec.rules;
  const base = `/_api/collections/${name}`;
  const C = name.charAt(0).toUpperCase() + name.slice(1);
  const rule = (action: keyof typeof rules): string => ` (rule: ${rules[action] ?? "nobody"})`;
  const hiddenAnswer = "No body: the read rule does not let you read the document you wrote";
  return [
    {
      method: "get",
      path: base,
      summary: `List ${name}${rule("list")}`,
      tag: name,
      ok: {
        status: 200,
        description: "A page of the items the rules let you see, in the order asked for",
        ref: `${C}List`,
      },
      query: listQuery(spec),
    },
    {
      method: "post",
      path: base,
      summary: `Create one of ${name}${rule("create")}`,
      tag: name,
      body: { ref: `${C}Create` },
      ok: { status: 201, description: "Created", ref: `${C}ItemResponse` },
      alsoOk: { status: 204, description: `Created. ${hiddenAnswer}` },
    },
    {
      method: "get",
      path: `${base}/{id}`,
      summary: `Read one of ${name}${rule("read")}`,
      tag: name,
      ok: { status: 200, description: "The item", ref: `${C}ItemResponse` },
    },
    {
      method: "patch",
      path: `${base}/{id}`,
      summary: `Change fields of one of ${name}${rule("update")}`,
      tag: name,
      body: { ref: `${C}Update` },
      ok: { status: 200, description: "The changed item", ref: `${C}ItemResponse` },
      alsoOk: { status: 204, description: `Changed. ${hiddenAnswer}` },
    },
    {
      method: "delete",
      path: `${base}/{id}`,
      summary: `Delete one of ${name}${rule("delete")}`,
      tag: name,
      ok: { status: 204, description: "Deleted" },
    },
  ];
}

function fileOps(): Op[] {
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
      path: "/_api/billing/portal",
      summary: "Open the billing portal for the signed-in user",
      tag: "billing",
      ok: { status: 200, description: "Where to send the browser", ref: "UrlResponse" },
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

function components(manifest: Manifest): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {
    Error: toSchema(errorResponse, "output"),
    SignupBody: toSchema(signupBody, "input"),
    LoginBody: toSchema(loginBody, "input"),
    VerifyBody: toSchema(verifyBody, "input"),
    ResetRequestBody: toSchema(resetRequestBody, "input"),
    ResetBody: toSchema(resetBody, "input"),
    PasswordChangeBody: toSchema(passwordChangeBody, "input"),
    UserResponse: toSchema(userResponse, "output"),
    MeResponse: toSchema(meResponse, "output"),
    Accepted: toSchema(acceptedResponse, "output"),
    FileResponse: toSchema(fileResponse, "output"),
    CheckoutBody: toSchema(billingCheckoutBody, "input"),
    UrlResponse: toSchema(urlResponse, "output"),
  };
  for (const [name, spec] of Object.entries(manifest.collections)) {
    const s = collectionSchemas(spec);
    const C = name.charAt(0).toUpperCase() + name.slice(1);
    out[`${C}Create`] = toSchema(s.create, "input");
    out[`${C}Update`] = toSchema(s.update, "input");
    out[`${C}Item`] = toSchema(s.item, "output");
    out[`${C}ItemResponse`] = {
      type: "object",
      properties: { item: ref(`${C}Item`) },
      required: ["item"],
      additionalProperties: false,
    };
    out[`${C}List`] = {
      type: "object",
      properties: { items: { type: "array", items: ref(`${C}Item`) }, nextCursor: { type: ["string", "null"] } },
      required: ["items", "nextCursor"],
      additionalProperties: false,
    };
  }
  return out;
}

const ERROR_STATUSES: Record<string, string> = {
  "400":
    "Invalid request (code names the problem, e.g. unknown_field, field_not_writable, invalid_filter, invalid_sort, " +
    "invalid_cursor)",
  "401": "Sign in first",
  "403": "Not allowed (e.g. plan_required, not_owner, condition_failed, cross_site)",
  "404": "Absent, or not visible to you (the same answer)",
  "409": "Conflict (e.g. email_taken, unique_violation)",
  "413": "Too large, or over a byte quota (quota_exceeded)",
  "415": "Wrong content type",
  "429": "Too many requests or over a document quota (quota_exceeded)",
};

function operation(op: Op): JsonSchema {
  const responses: Record<string, JsonSchema> = {
    [String(op.ok.status)]: op.ok.ref
      ? { description: op.ok.description, content: { "application/json": { schema: ref(op.ok.ref) } } }
      : { description: op.ok.description },
  };
  if (op.alsoOk) responses[String(op.alsoOk.status)] = { description: op.alsoOk.description };
  for (const [status, description] of Object.entries(ERROR_STATUSES))
    responses[status] = { description, content: { "application/json": { schema: ref("Error") } } };
  const parameters: JsonSchema[] = [];
  if (op.path.includes("{id}")) parameters.push({ name: "id", in: "path", required: true, schema: { type: "string" } });
  for (const q of op.query ?? [])
    parameters.push({ name: q.name, in: "query", required: false, description: q.description, schema: q.schema });
  const out: JsonSchema = {
    summary: op.summary,
    tags: [op.tag],
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+/g, "_")}`,
    responses,
  };
  if (parameters.length > 0) out.parameters = parameters;
  if (op.body === "multipart") {
    out.requestBody = {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { file: { type: "string", contentMediaType: "application/octet-stream" } },
            required: ["file"],
          },
        },
      },
    };
  } else if (op.body) {
    out.requestBody = { required: true, content: { "application/json": { schema: ref(op.body.ref) } } };
  }
  return out;
}

export function buildOpenApi(manifest: Manifest, server: { origin: string; title: string }): JsonSchema {
  const ops = [
    ...authOps(),
    ...Object.keys(manifest.collections).flatMap((n) => collectionOps(n, manifest)),
    ...fileOps(),
  ];
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of ops) {
    const path = paths[op.path] ?? {};
    path[op.method] = operation(op);
    paths[op.path] = path;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: server.title,
      version: manifest.version,
      description: 'The locked backend every Sandlot app shares. Errors are {"error":{"code","message","requestId"}}.',
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: server.origin }],
    paths,
    components: { schemas: components(manifest) },
  };
}

openapiRoutes.get("/openapi.json", (c) => {
  const identity = c.get("identity");
  return c.json(buildOpenApi(c.get("manifest"), { origin: identity.origin, title: `${identity.slug} API` }), 200);
});
