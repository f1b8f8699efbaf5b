import type { CollectionSpec, Manifest, QuotaSpec } from "../manifest/schema";
import { MAX_JSON_BYTES } from "../http/body";
import { MAX_DOCUMENT_BYTES } from "../manifest/parts";

/**
 * Effective limits for an app (I7): the manifest may choose values, the platform caps them, and
 * an absent value falls back to a default. Every number a route enforces comes from here.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

export const PLATFORM_CAPS = {
  maxBodyBytes: MAX_JSON_BYTES,
  maxDocumentBytes: MAX_DOCUMENT_BYTES,
  maxFileBytes: 25 * MiB,
  listLimit: 100,
} as const;

export const DEFAULTS = {
  maxDocumentBytes: 16 * KiB,
  requestsPerMinutePerUser: 600,
  requestsPerMinutePerIp: 1200,
  maxFileBytes: 5 * MiB,
  storageBytesPerUser: 50 * MiB,
  storageBytesPerApp: 1024 * MiB,
  fileTypes: ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"],
  listLimit: 20,
} as const;

export interface AppLimits {
  maxBodyBytes: number;
  requestsPerMinutePerUser: number;
  requestsPerMinutePerIp: number;
  maxFileBytes: number;
  storageBytesPerUser: number;
  storageBytesPerApp: number;
  fileTypes: readonly string[];
}

export function appLimits(manifest: Manifest): AppLimits {
  const l = manifest.limits;
  return {
    maxBodyBytes: Math.min(l.maxBodyBytes ?? PLATFORM_CAPS.maxBodyBytes, PLATFORM_CAPS.maxBodyBytes),
    requestsPerMinutePerUser: l.requestsPerMinutePerUser ?? DEFAULTS.requestsPerMinutePerUser,
    requestsPerMinutePerIp: l.requestsPerMinutePerIp ?? DEFAULTS.requestsPerMinutePerIp,
    maxFileBytes: Math.min(l.maxFileBytes ?? DEFAULTS.maxFileBytes, PLATFORM_CAPS.maxFileBytes),
    storageBytesPerUser: l.storageBytesPerUser ?? DEFAULTS.storageBytesPerUser,
    storageBytesPerApp: l.storageBytesPerApp ?? DEFAULTS.storageBytesPerApp,
    fileTypes: l.fileTypes ?? DEFAULTS.fileTypes,
  };
}

export function maxDocumentBytes(spec: CollectionSpec): number {
  return Math.min(spec.limits.maxDocumentBytes ?? DEFAULTS.maxDocumentBytes, PLATFORM_CAPS.maxDocumentBytes);
}

/** The most generous of the user's plans wins; no limit declared means unlimited. */
export function maxDocumentsPerUser(spec: CollectionSpec, plans: readonly string[]): number {
  const base = spec.limits.maxDocumentsPerUser ?? Number.POSITIVE_INFINITY;
  const byPlan = spec.limits.maxDocumentsPerUserByPlan ?? {};
  let best = base;
  // Own keys only: a plan id may be "constructor", which a plain lookup finds on Object.prototype.
  for (const plan of plans) if (Object.hasOwn(byPlan, plan)) best = Math.max(best, byPlan[plan]!);
  return best;
}

/** The app-wide quotas (`manifest.quotas`) that count documents of this collection. */
export function quotasCounting(manifest: Manifest, collection: string): QuotaSpec[] {
  return manifest.quotas.filter((q) => q.collections.includes(collection));
}

/** A quota's allowance for a user: `max`, or the most generous of the user's plans in `byPlan`. */
export function quotaAllowance(quota: QuotaSpec, plans: readonly string[]): number {
  const byPlan = quota.byPlan ?? {};
  let best = quota.max;
  for (const plan of plans) if (Object.hasOwn(byPlan, plan)) best = Math.max(best, byPlan[plan] as number);
  return best;
}

/** Uploads carry their own, larger cap, enforced by the files route. */
export const isUpload = (path: string): boolean => path === "/_api/files";

/** Largest upload body the Worker will carry to an object: the platform file cap plus multipart framing. */
const MAX_UPLOAD_BODY = PLATFORM_CAPS.maxFileBytes + 64 * 1024;

/** The cap a forwarded body is read under (T17: a chunked body cannot grow past it). */
export const forwardLimit = (path: string): number => (isUpload(path) ? MAX_UPLOAD_BODY : MAX_JSON_BYTES);
