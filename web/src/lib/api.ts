/** The studio's API client: same origin, cookie session, JSON in and out. */
import { ApiError, errorFromResponse, parseOk } from "./api-core";

export { ApiError } from "./api-core";
export type { Problem } from "./api-core";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

let onUnauthorized: (() => void) | undefined;
/** Called when any call answers 401 (the session ended): the app goes back to sign-in. */
export function setUnauthorizedHandler(fn: (() => void) | undefined): void {
  onUnauthorized = fn;
}

export async function api<T>(
  method: Method,
  path: string,
  body?: unknown,
  opts: { quiet401?: boolean; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, Accept: "application/json" };
  const init: RequestInit = { method, headers, credentials: "same-origin" };
  if (opts.signal) init.signal = opts.signal;
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Sandlot. Check your connection and try again.");
  }
  const text = await res.text().catch(() => "");
  if (!res.ok) {
    const err = errorFromResponse(res.status, text);
    if (res.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw err;
  }
  return parseOk(text) as T;
}

// ---- Shapes: the studio contract, from the server's own schemas --------------------------------

export type { StudioTypes } from "../../../platform/worker/studio/contract";
import type { StudioTypes } from "../../../platform/worker/studio/contract";

export type Creator = StudioTypes["creator"]["creator"];
export type AppSummary = StudioTypes["app"]["app"];
export type Blank = StudioTypes["files"]["blanks"][number];
export type TemplateInfo = StudioTypes["templates"]["templates"][number];
export type VersionInfo = StudioTypes["versions"]["versions"][number];
export type TokenInfo = StudioTypes["tokens"]["tokens"][number];
export type BillingEvent = StudioTypes["billingEvents"]["events"][number];
export type Subscriber = StudioTypes["subscribers"]["subscribers"][number];
export type Mail = StudioTypes["outbox"]["messages"][number];
