import { describe, expect, it } from "vitest";
import { slugFromName, slugHint } from "./slug";

describe("slugHint", () => {
  it("accepts plain slugs", () => {
    expect(slugHint("yoga-with-lea")).toEqual({ ok: true, message: "" });
  });
  it.each([
    ["", "Pick"],
    ["Yoga", "lowercase"],
    ["yoga studio", "only lowercase letters"],
    ["ab", "at least 3"],
    ["a".repeat(41), "at most 40"],
    ["-yoga", "hyphen"],
    ["yoga-", "hyphen"],
    ["yo--ga", "two hyphens"],
    ["xn--yoga", "xn--"],
    // The platform's own rules, not a copy: reserved and lookalike names are refused here too.
    ["studio", "reserved"],
    ["st0dio", "looks too much like"],
  ])("%j → not ok (%s)", (slug, words) => {
    const h = slugHint(slug);
    expect(h.ok).toBe(false);
    expect(h.message).toContain(words);
  });
});

describe("slugFromName", () => {
  it("folds accents, punctuation and spaces", () => {
    expect(slugFromName("Léa's Yoga Studio!")).toBe("leas-yoga-studio");
    expect(slugFromName("  --Hello,   World--  ")).toBe("hello-world");
    expect(slugFromName("x".repeat(60))).toHaveLength(40);
  });
  it("never ends with a hyphen after truncation", () => {
    expect(slugFromName(`${"a".repeat(39)} b`)).toBe("a".repeat(39));
  });
});
