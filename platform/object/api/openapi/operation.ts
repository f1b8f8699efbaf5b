import { z } from "zod";

/** One operation of an OpenAPI document (the app's and the studio's), and how it is written out. */

export type JsonSchema = Record<string, unknown>;
export interface Op {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  /** What the server checks beyond the body's schema (unique sets, capacity, references, transitions). */
  description?: string;
  tag: string;
  /** A JSON body (a component), a multipart upload, or raw bytes of one media type (a zip). */
  body?: { ref: string } | "multipart" | { mediaType: string };
  ok: { status: number; description: string; ref?: string };
  /** A second success answer without a body. */
  alsoOk?: { status: number; description: string };
  query?: Array<{ name: string; description: string; schema: JsonSchema }>;
  /** Schemas of path parameters other than a plain string (e.g. an enum). */
  pathSchemas?: Record<string, JsonSchema>;
}

export function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** The error answers an app's `/_api` may give, whatever the operation. */
export const ERROR_STATUSES: Record<string, string> = {
  "400":
    "Invalid request (code names the problem, e.g. unknown_field, field_not_writable, invalid_filter, invalid_sort, " +
    "invalid_cursor, unknown_file, unknown_reference, transition_not_allowed)",
  "401": "Sign in first",
  "403": "Not allowed (e.g. plan_required, not_owner, condition_failed, cross_site)",
  "404": "Absent, or not visible to you (the same answer)",
  "409": "Conflict (e.g. email_taken, unique_violation, capacity_reached)",
  "413": "Too large, or over a byte quota (quota_exceeded)",
  "415": "Wrong content type",
  "429": "Too many requests or over a document quota (quota_exceeded)",
};

export function operation(op: Op, errors: Record<string, string> = ERROR_STATUSES): JsonSchema {
  const responses: Record<string, JsonSchema> = {
    [String(op.ok.status)]: op.ok.ref
      ? { description: op.ok.description, content: { "application/json": { schema: ref(op.ok.ref) } } }
      : { description: op.ok.description },
  };
  if (op.alsoOk) responses[String(op.alsoOk.status)] = { description: op.alsoOk.description };
  for (const [status, description] of Object.entries(errors))
    responses[status] = { description, content: { "application/json": { schema: ref("Error") } } };
  const parameters: JsonSchema[] = [];
  for (const [, name] of op.path.matchAll(/\{([A-Za-z]+)\}/g))
    parameters.push({ name, in: "path", required: true, schema: op.pathSchemas?.[name!] ?? { type: "string" } });
  for (const q of op.query ?? [])
    parameters.push({ name: q.name, in: "query", required: false, description: q.description, schema: q.schema });
  const out: JsonSchema = {
    summary: op.summary,
    tags: [op.tag],
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+/g, "_")}`,
    responses,
  };
  if (op.description) out.description = op.description;
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
  } else if (op.body && "mediaType" in op.body) {
    out.requestBody = { required: true, content: { [op.body.mediaType]: { schema: { type: "string" } } } };
  } else if (op.body) {
    out.requestBody = { required: true, content: { "application/json": { schema: ref(op.body.ref) } } };
  }
  return out;
}
