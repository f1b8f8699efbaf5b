/**
 * Per-account login throttling (T20). Every attempt is counted BEFORE the password is checked, in
 * one atomic statement, so parallel guesses cannot slip past the limit; a success clears the count.
 */

export const LOGIN_POLICY = { maxAttempts: 5, windowMs: 15 * 60 * 1000 } as const;

export interface AttemptCount {
  attempts: number;
  windowStart: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface ThrottlePolicy {
  maxAttempts: number;
  windowMs: number;
}

export function throttleVerdict(
  count: AttemptCount,
  now: number,
  policy: ThrottlePolicy = LOGIN_POLICY,
): ThrottleVerdict {
  if (count.attempts <= policy.maxAttempts) return { allowed: true };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((count.windowStart + policy.windowMs - now) / 1000)),
  };
}

/** Storage for attempt counts; `hit` must increment atomically and restart expired windows. */
export interface ThrottleStore {
  hit(key: string, now: number, windowMs: number): Promise<AttemptCount>;
  clear(key: string): Promise<void>;
}

/** The SQL both stores use (D1 and Durable Object SQLite speak the same dialect). */
export const HIT_SQL = `INSERT INTO login_throttle (key, attempts, window_start) VALUES (?1, 1, ?2)
ON CONFLICT(key) DO UPDATE SET
  attempts = CASE WHEN login_throttle.window_start <= ?3 THEN 1 ELSE login_throttle.attempts + 1 END,
  window_start = CASE WHEN login_throttle.window_start <= ?3 THEN ?2 ELSE login_throttle.window_start END
RETURNING attempts, window_start`;
