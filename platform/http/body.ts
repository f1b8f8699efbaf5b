import type { z } from "zod";
import { ApiError, badRequest, payloadTooLarge, unsupportedMediaType } from "../errors";

/** Largest JSON body any endpoint accepts; an app's manifest may only lower it. */
export const MAX_JSON_BYTES = 1_048_576;
const MAX_DEPTH = 32;
const MAX_KEYS = 10_000;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Refuses a body by its declared length before reading a byte of it (T17). Streams without a
 * length are capped while reading, in readBytes.
 */
export function assertDeclaredLength(request: Request, limit: number): void {
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    const n = Number(declared);
    if (!Number.isFinite(n) || n < 0) throw badRequest("Content-Length is not a number.");
    if (n > limit) throw payloadTooLarge(`The request body is larger than ${limit} bytes.`);
  }
}

/** Reads at most `limit` bytes, failing as soon as the stream passes it. */
export async function readBytes(request: Request, limit: number): Promise<Uint8Array> {
  assertDeclaredLength(request, limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw payloadTooLarge(`The request body is larger than ${limit} bytes.`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads a body into memory under a cap and returns an equivalent request. Forwarding a stream to a
 * Durable Object fails if the object answers before reading it; bytes in hand do not.
 */
export async function bufferedRequest(request: Request, limit: number): Promise<Request> {
  if (!request.body) return request;
  const bytes = await readBytes(request, limit);
  return new Request(request.url, { method: request.method, headers: request.headers, body: bytes });
}

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const [type] = value.split(";");
  return type?.trim().toLowerCase() === "application/json";
}

/** Depth, size and key checks on parsed JSON, iteratively so a hostile document cannot blow the stack. */
function assertSafeShape(root: unknown): void {
  const stack: Array<[unknown, number]> = [[root, 0]];
  let keys = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_DEPTH) throw badRequest(`JSON is nested deeper than ${MAX_DEPTH} levels.`, "too_deep");
    if (Array.isArray(value)) {
      keys += value.length;
      for (const item of value) stack.push([item, depth + 1]);
    } else {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) throw badRequest(`The key "${key}" is not allowed.`, "forbidden_key");
        keys += 1;
        stack.push([(value as Record<string, unknown>)[key], depth + 1]);
      }
    }
    if (keys > MAX_KEYS) throw badRequest(`JSON has more than ${MAX_KEYS} values.`, "too_many_values");
  }
}

/** Parses a JSON request body (T17, T18): type, length, UTF-8, syntax, shape. */
export async function readJson(request: Request, options: { limit?: number } = {}): Promise<unknown> {
  const limit = options.limit ?? MAX_JSON_BYTES;
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw unsupportedMediaType("Send the body as JSON with Content-Type: application/json.");
  }
  const bytes = await readBytes(request, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw badRequest("The body is not valid UTF-8.", "invalid_utf8");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest("The body is not valid JSON.", "invalid_json");
  }
  assertSafeShape(parsed);
  return parsed;
}

/** "newPassword" → "New password", "startsAt" → "Starts at", "items.0.name" → "Name". */
function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const last = [...path].reverse().find((p) => typeof p === "string");
  if (typeof last !== "string") return "This value";
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "This value";
}

/** A message a schema wrote for people: a sentence, capitalised, with its full stop. */
const isSentence = (message: string): boolean => /^[A-Z].*[.?!]$/.test(message);

/**
 * The first schema problem as one sentence a person can act on ("Use at least 8 characters for
 * your password."), never zod's wording or a dotted path. Schemas that know better say so in
 * their own message, which is used as written.
 */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is not valid.";
  if (issue.code === "unrecognized_keys") {
    return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
  }
  if (isSentence(issue.message)) return issue.message;
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case "invalid_type":
      // zod 4 leaves `input` out of issues unless asked, but names what it received.
      return /received undefined/.test(issue.message)
        ? `${label} is required.`
        : `${label} should be ${article(issue.expected)}.`;
    case "too_small":
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? `${label} is required.`
          : `${label} needs at least ${issue.minimum} characters.`;
      if (issue.origin === "array") return `${label} needs at least ${issue.minimum} items.`;
      return `${label} must be at least ${issue.minimum}.`;
    case "too_big":
      if (issue.origin === "string") return `${label} can be at most ${issue.maximum} characters.`;
      if (issue.origin === "array") return `${label} can have at most ${issue.maximum} items.`;
      return `${label} can be at most ${issue.maximum}.`;
    case "invalid_format":
      return issue.format === "email"
        ? "Enter an email address like name@example.com."
        : `${label} is not in the right format.`;
    case "invalid_value":
      return `${label} must be one of: ${issue.values.map(String).join(", ")}.`;
    default:
      return `${label}: ${issue.message}.`;
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const unknownKeys = result.error.issues.some((i) => i.code === "unrecognized_keys");
    throw new ApiError(400, unknownKeys ? "unknown_field" : "invalid", describeIssue(result.error));
  }
  return result.data;
}

/** readJson + schema validation: the one way a handler gets a body. */
export async function jsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
  options: { limit?: number } = {},
): Promise<z.infer<T>> {
  return parseWith(schema, await readJson(request, options));
}
