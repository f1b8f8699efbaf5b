import { ApiError } from "../errors";
import type { CollectionSpec } from "../manifest/schema";
import type { Subject } from "../policy/evaluate";
import { counterKeys, hitWindow } from "./counters";

const HOUR_MS = 3_600_000;

/**
 * Refuses (429 `rate_limited`, with Retry-After) a create past the collection's
 * `createsPerHourPerUser`. Unlike maxDocumentsPerUser, deleting does not give a create back, so
 * posting and deleting in a loop cannot flood a community board (T69). Called inside the create's
 * transactionSync: the hit is rolled back with a create that is refused after it.
 */
export function limitCreateRate(
  storage: SqlStorage,
  name: string,
  spec: CollectionSpec,
  subject: Subject,
  now: number,
): void {
  const max = spec.limits.createsPerHourPerUser;
  if (max === undefined) return;
  const w = hitWindow(storage, counterKeys.creates(name, subject.userId), now, HOUR_MS);
  if (w.count <= max) return;
  const minutes = Math.max(1, Math.ceil((w.windowStart + HOUR_MS - now) / 60_000));
  throw new ApiError(429, "rate_limited", `You can add ${max} ${name} an hour. Try again in ${minutes} min.`, {
    headers: { "Retry-After": String(minutes * 60) },
  });
}
