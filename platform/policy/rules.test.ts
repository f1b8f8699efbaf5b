import { describe, expect, it } from "vitest";
import { checkRule, type RuleFields } from "./check";
import { fieldsNamed, parseRule, plansNamed, rulePatternForEditors } from "./rules";

/** The grammar (rules.ts): what parses, what it parses to, and that the editors' pattern agrees. */

const GOOD: string[] = [
  "public",
  "owner|creator",
  "plan:member|creator",
  "owner&plan:pro",
  "purchased",
  "purchased:ebook | creator",
  "owner | purchased:e-book_2",
  'purchased where status = "live" | creator',
  "owner | public where shared = true",
  'owner | public where status = "published"',
  'authenticated where visibility in ["members","public"]',
  'authenticated where visibility in [ "members" , "public" ]',
  "owner where locked = false",
  "owner where locked != true",
  "authenticated where assignee = @user",
  "authenticated where ownerId != @user",
  "plan:pro where price < 10 | creator",
  "public where price <= -1.5e3 and price >= 0 and price > 2 and count = 0",
  'owner&plan:pro where status not in ["draft", null]',
  'public where title = "a|b where c and d"',
  'public where title = "quote \\" and backslash \\\\"',
  "public where x=1",
  "public where x = null",
  "  owner  |  creator  ",
  "owner where in = 1",
  "owner where where = 1 and and = 2",
  `public where t = "${"x".repeat(200)}"`,
  "public where n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]",
];

const BAD: string[] = [
  "",
  "   ",
  "everyone",
  "Public",
  "plan:",
  "owner&plan:",
  "owner||plan:pro",
  "public|x",
  "owner|creator|public|nobody",
  "creator&plan:pro",
  "purchased:",
  "purchased:Ebook",
  "purchased&plan:pro",
  "purchasedx",
  "nobody where x = 1",
  "public where",
  "public where x",
  "public where x =",
  "public where x == 1",
  "public where x = yes",
  "public where x = 'single'",
  'public where x = "unclosed',
  'public where x = "bad \\n escape"',
  "public where x ! 1",
  "public where x = 01",
  "public where x = 1.",
  "public where x = +1",
  "public where x = 1e999",
  "public where x = 1and y = 2",
  'public where x = "a"and y = 2',
  "public where x = 1 and",
  "public where x = 1 or y = 2",
  "public where x < @user",
  "public where x in []",
  "public where x in[1]",
  "public where x in [1,]",
  "public where x not = 1",
  "public where x = 1 and y = 2 and z = 3 and w = 4 and v = 5",
  "public where X = 1",
  "public where x = @userx",
  "public where x = (1)",
  "public where x = 1; drop table documents",
  "public where json_extract(data) = 1",
  "publicwhere x = 1",
  "public wherex = 1",
  "public\twhere x = 1",
  `public where t = "${"x".repeat(201)}"`,
  "public where n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]",
  `public where t = "${"x".repeat(190)}" and u = "${"y".repeat(190)}" and v = "${"z".repeat(190)}"`,
];

describe("parseRule", () => {
  it.each(GOOD)("accepts %j", (rule) => {
    const parsed = parseRule(rule);
    expect(parsed.ok, parsed.ok ? "" : parsed.message).toBe(true);
  });
  it.each(BAD)("refuses %j with the grammar in the message", (rule) => {
    const parsed = parseRule(rule);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain("a rule is public");
  });

  it("parses conditions into fields, operators and values", () => {
    const parsed = parseRule(
      'owner | public where status = "published" and price < 10 and tag not in ["a", null] and assignee = @user',
    );
    expect(parsed).toEqual({
      ok: true,
      rule: [
        { kind: "owner", plan: null, where: [] },
        {
          kind: "public",
          where: [
            { field: "status", op: "=", value: { kind: "literal", value: "published" } },
            { field: "price", op: "<", value: { kind: "literal", value: 10 } },
            { field: "tag", op: "not in", values: ["a", null] },
            { field: "assignee", op: "=", value: { kind: "user" } },
          ],
        },
      ],
    });
  });

  it("names the plans and fields a rule uses", () => {
    const parsed = parseRule("owner&plan:pro where a = 1 | plan:member where b = true and a = 2");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(plansNamed(parsed.rule)).toEqual(["pro", "member"]);
    expect(fieldsNamed(parsed.rule)).toEqual(["a", "b"]);
  });

  it("a string may hold the grammar's own punctuation without splitting the rule", () => {
    const parsed = parseRule('public where t = "x | creator"');
    expect(parsed.ok && parsed.rule.length).toBe(1);
  });
});

describe("the editors' pattern (template.schema.json) accepts exactly what parseRule accepts", () => {
  const pattern = new RegExp(rulePatternForEditors());
  it.each([
    ...GOOD.map((r) => [r, true] as const),
    ...BAD.filter((r) => r.length <= 500).map((r) => [r, false] as const),
  ])("%j → %s", (rule, ok) => {
    expect(pattern.test(rule)).toBe(ok);
    expect(parseRule(rule).ok).toBe(ok);
  });
});

const FIELDS: RuleFields = {
  title: { type: "text" },
  price: { type: "number" },
  shared: { type: "boolean" },
  due: { type: "datetime" },
  status: { type: "select", options: ["draft", "published"] },
  cover: { type: "file" },
};

function problems(rule: string, options?: Parameters<typeof checkRule>[2]): string[] {
  const parsed = parseRule(rule);
  if (!parsed.ok) throw new Error(parsed.message);
  return checkRule(parsed.rule, FIELDS, options);
}

describe("checkRule: conditions against the collection's fields", () => {
  it.each([
    'public where shared = true and status in ["draft", "published"]',
    "public where price < 10 and price != null",
    "authenticated where title = @user",
    "authenticated where ownerId != @user",
    "public where ownerId = null",
    "public where cover = null",
    'public where due = "2026-01-01T00:00:00Z"',
    'public where status not in ["draft"]',
  ])("%s is fine", (rule) => {
    expect(problems(rule)).toEqual([]);
  });
  it.each([
    ["public where nope = 1", "not a field"],
    ["public where shared = 1", "boolean"],
    ['public where price = "5"', "number"],
    ["public where title = 5", "text"],
    ['public where status = "archived"', "not one of the options"],
    ['public where status in ["draft", "gone"]', "not one of the options"],
    ["public where title < 5", "compares numbers"],
    ['public where due > "2026"', "compares numbers"],
    ["public where price < true", "needs a number"],
    ["public where price = @user", "@user is a user id"],
    ['public where cover = "x"', "file"],
    ['public where ownerId = "u1"', "ownerId can only be compared"],
    ['public where ownerId in ["u1"]', "ownerId can only be compared"],
  ])("%s is refused (%s)", (rule, fragment) => {
    expect(problems(rule).join("; ")).toContain(fragment);
  });
  it("a field the caller says is off-limits is refused with the reason", () => {
    expect(
      problems('public where title = "x"', {
        forbidden: new Set(["title"]),
        forbiddenReason: "which visibility hides",
      }),
    ).toEqual(["a condition names title, which visibility hides"]);
  });
  it("a field named like an Object.prototype key is not a field", () => {
    expect(problems("public where constructor = 1").join()).toContain("not a field");
    expect(problems("public where toString = null").join()).toContain("not a field");
  });
});
