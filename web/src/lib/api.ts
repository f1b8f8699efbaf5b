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

export async function api<T>(method: Method, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, headers, credentials: "same-origin" };
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

// ---- Shapes (DESIGN.md §5 studio contract) ----------------------------------------------------

export interface Creator {
  id: string;
  email: string;
  plan: string;
  createdAt: number | string;
}
export interface Blank {
  path: string;
  title: string;
  purpose: string;
}
export interface TemplateInfo {
  id: string;
  name: string;
  description: string;
  manifest: { id?: string; name?: string; blanks?: Blank[]; plans?: Array<{ id: string; name: string; price?: { amount: number; currency: string; interval: string } }>; imports?: string[] } & Record<string, unknown>;
}
export interface AppSummary {
  id: string;
  slug: string;
  name: string;
  template: string;
  url?: string;
  version?: number | string | null;
}
export interface VersionInfo {
  version: number | string;
  createdAt: number | string;
  current: boolean;
}
export interface TokenInfo {
  id: string;
  name: string;
  createdAt: number | string;
  lastUsedAt?: number | string | null;
}
export interface BillingEvent {
  id: string;
  type: string;
  status: string;
  reason?: string | null;
  receivedAt: number | string;
}
