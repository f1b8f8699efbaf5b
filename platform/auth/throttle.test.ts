import { describe, expect, it } from "vitest";
import { LOGIN_POLICY, throttleVerdict } from "./throttle";

describe("throttleVerdict (T20)", () => {
  const now = 1_000_000;
  it("allows up to the limit", () => {
    expect(throttleVerdict({ attempts: LOGIN_POLICY.maxAttempts, windowStart: now }, now)).toEqual({ allowed: true });
  });
  it("refuses past the limit until the window ends", () => {
    const v = throttleVerdict({ attempts: LOGIN_POLICY.maxAttempts + 1, windowStart: now - 60_000 }, now);
    expect(v).toEqual({ allowed: false, retryAfterSeconds: (LOGIN_POLICY.windowMs - 60_000) / 1000 });
  });
});
