import { describe, expect, it } from "vitest";
import { allOf, anyOf, compareSql, FALSE, type Filter, matches, type RuleDocument, TRUE } from "./filter";

/**
 * The filter semantics on one document (SQLite's, spelled out in filter.ts). The same trees are
 * run as SQL against real documents in platform/object/query.test.ts and must agree.
 */

const doc = (data: Record<string, unknown>, ownerId: string | null = "u1"): RuleDocument => ({ ownerId, data });
const eq = (field: string, value: string | number | boolean | null): Filter => ({
  kind: "compare",
  field,
  op: "=",
  value,
});

describe("null-safe equality: an absent field is null", () => {
  it.each([
    [{ locked: true }, "locked", "!=", true, false],
    [{ locked: false }, "locked", "!=", true, true],
    [{}, "locked", "!=", true, true],
    [{}, "locked", "=", false, false],
    [{}, "x", "=", null, true],
    [{ x: 1 }, "x", "=", null, false],
    [{ x: 1 }, "x", "!=", null, true],
    [{}, "x", "!=", null, false],
  ] as const)("%j: %s %s %j → %s", (data, field, op, value, want) => {
    expect(matches({ kind: "compare", field, op, value }, doc(data))).toBe(want);
  });
});

describe("order comparisons are false against null, and compare like SQLite", () => {
  it.each([
    [{ price: 5 }, "<", 10, true],
    [{ price: 10 }, "<", 10, false],
    [{ price: 10 }, "<=", 10, true],
    [{ price: 11 }, ">", 10, true],
    [{ price: 10 }, ">=", 10, true],
    [{}, "<", 10, false],
    [{}, ">", 10, false],
    [{ price: "5" }, "<", 10, false],
    [{ price: "5" }, ">", 10, true],
  ] as const)("%j %s %j → %s", (data, op, value, want) => {
    expect(matches({ kind: "compare", field: "price", op, value }, doc(data))).toBe(want);
  });
  it("booleans are 1 and 0, numbers order before text, text by code point", () => {
    expect(matches(eq("flag", true), doc({ flag: 1 }))).toBe(true);
    expect(matches(eq("flag", false), doc({ flag: 0 }))).toBe(true);
    expect(matches(eq("n", 1), doc({ n: "1" }))).toBe(false);
    expect(compareSql(999, "0")).toBeLessThan(0);
    expect(compareSql("\u{FFFF}", "\u{10000}")).toBeLessThan(0);
    expect(compareSql("a", "b")).toBeLessThan(0);
  });
  it("a nested value compares as its JSON text", () => {
    expect(matches(eq("tags", '["a"]'), doc({ tags: ["a"] }))).toBe(true);
  });
});

describe("in / not in", () => {
  const isIn = (values: Array<string | null>, negate = false): Filter => ({ kind: "in", field: "v", values, negate });
  it.each([
    [{ v: "a" }, ["a", "b"], false, true],
    [{ v: "c" }, ["a", "b"], false, false],
    [{}, ["a"], false, false],
    [{}, ["a", null], false, true],
    [{ v: "a" }, ["a"], true, false],
    [{ v: "c" }, ["a"], true, true],
    [{}, ["a"], true, true],
    [{}, ["a", null], true, false],
  ] as const)("%j in %j (negated %s) → %s", (data, values, negate, want) => {
    expect(matches(isIn([...values], negate), doc(data))).toBe(want);
  });
});

describe("ownerId is the document's owner", () => {
  it("compares with the owner column, not a field", () => {
    expect(matches(eq("ownerId", "u1"), doc({ ownerId: "u2" }, "u1"))).toBe(true);
    expect(matches(eq("ownerId", "u2"), doc({ ownerId: "u2" }, "u1"))).toBe(false);
    expect(matches(eq("ownerId", null), doc({}, null))).toBe(true);
  });
  it("a field named like an Object.prototype key is absent unless stored", () => {
    expect(matches(eq("constructor", null), doc({}))).toBe(true);
    expect(matches(eq("toString", null), doc({}))).toBe(true);
  });
});

describe("folding", () => {
  it("allOf and anyOf drop neutral parts and short-circuit", () => {
    const x = eq("x", 1);
    expect(allOf([])).toEqual(TRUE);
    expect(allOf([TRUE, x])).toEqual(x);
    expect(allOf([x, FALSE])).toEqual(FALSE);
    expect(anyOf([])).toEqual(FALSE);
    expect(anyOf([FALSE, x])).toEqual(x);
    expect(anyOf([x, TRUE])).toEqual(TRUE);
    expect(allOf([x, allOf([x, eq("y", 2)])])).toEqual({ kind: "and", parts: [x, x, eq("y", 2)] });
  });
});
