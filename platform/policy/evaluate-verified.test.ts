import { describe, expect, it } from "vitest";
import { bestCase, evaluate, listScope, type Subject } from "./evaluate";
import { parseRule } from "./rules";

/**
 * `verified` (T68): a signed-in end user whose email address is confirmed. It is what a double
 * opt-in needs: `authenticated` holds for an account nobody confirmed, so the server would take
 * any address anyone typed.
 */
const anonymous: Subject = { userId: null, plans: [] };
const unconfirmed: Subject = { userId: "u1", plans: [] };
const confirmed: Subject = { userId: "u1", plans: [], emailVerified: true };
const record = { ownerId: "u2", data: { kind: "a" } };

describe("the verified kind", () => {
  it("parses alone, with conditions and as an alternative", () => {
    expect(parseRule("verified")).toEqual({ ok: true, rule: [{ kind: "verified", where: [] }] });
    expect(parseRule('verified where kind = "a" | creator').ok).toBe(true);
    expect(parseRule("verified:x").ok).toBe(false);
  });

  it("refuses signed-out callers as unauthenticated and unconfirmed ones as unverified", () => {
    expect(evaluate("verified", anonymous, record)).toEqual({ allow: false, reason: "unauthenticated" });
    expect(evaluate("verified", unconfirmed, record)).toEqual({ allow: false, reason: "unverified" });
    expect(evaluate("verified", { ...unconfirmed, emailVerified: false }, record)).toEqual({
      allow: false,
      reason: "unverified",
    });
    expect(evaluate("verified", confirmed, record)).toEqual({ allow: true });
    expect(bestCase("verified", unconfirmed)).toEqual({ allow: false, reason: "unverified" });
  });

  it("keeps its conditions, and another alternative still allows", () => {
    expect(evaluate('verified where kind = "b"', confirmed, record)).toEqual({ allow: false, reason: "condition" });
    expect(evaluate("verified | owner", unconfirmed, { ownerId: "u1", data: {} })).toEqual({ allow: true });
    expect(evaluate("verified | creator", unconfirmed, record)).toEqual({ allow: false, reason: "unverified" });
  });

  it("lists everything for a confirmed user and nothing for an unconfirmed one", () => {
    expect(listScope("verified", confirmed)).toEqual({ kind: "filter", filter: { kind: "true" } });
    expect(listScope("verified", unconfirmed)).toEqual({ kind: "none", reason: "unverified" });
    expect(listScope("verified", anonymous)).toEqual({ kind: "none", reason: "unauthenticated" });
  });
});
