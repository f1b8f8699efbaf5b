import { describe, expect, it } from "vitest";
import { resetTokenFrom } from "./reset-link";
import { matchRoute, pathFor } from "./router";
import { dirtyPaths, problemCounts, problemsFor } from "./workspace";
import { linkify } from "./mail";
import { formatDateTime, relativeTime, safeHttpUrl, toDate } from "./format";

describe("router", () => {
  it("matches and builds paths", () => {
    expect(matchRoute("/")).toEqual({ name: "apps" });
    expect(matchRoute("/signin")).toEqual({ name: "signin" });
    expect(matchRoute("/forgot-password")).toEqual({ name: "forgot" });
    expect(matchRoute("/reset-password")).toEqual({ name: "reset" });
    expect(pathFor({ name: "reset" })).toBe("/reset-password");
    expect(matchRoute("/apps/new")).toEqual({ name: "new" });
    expect(matchRoute("/apps/yoga")).toEqual({ name: "app", slug: "yoga", tab: "edit" });
    expect(matchRoute("/apps/yoga/billing")).toEqual({ name: "app", slug: "yoga", tab: "billing" });
    expect(matchRoute("/apps/yoga/nope")).toEqual({ name: "notfound" });
    expect(matchRoute("/apps/%3Cscript%3E")).toEqual({ name: "notfound" });
    expect(pathFor({ name: "app", slug: "yoga", tab: "mail" })).toBe("/apps/yoga/mail");
    expect(pathFor({ name: "app", slug: "yoga", tab: "edit" })).toBe("/apps/yoga");
  });
});

describe("workspace helpers", () => {
  it("finds dirty paths and problem lines", () => {
    expect(dirtyPaths({ a: "1", b: "2" }, { a: "1", b: "3" })).toEqual(["b"]);
    const problems = [
      { file: "a", line: 3, message: "x" },
      { file: "a", line: 7, column: 2, message: "y" },
      { file: "b", line: 1, message: "z" },
    ];
    expect(problemsFor(problems, "a")).toEqual([
      { line: 3, message: "x", source: "build" },
      { line: 7, column: 2, message: "y", source: "build" },
    ]);
    expect(problemCounts(problems).get("a")).toBe(2);
  });
});

describe("mail", () => {
  it("linkifies only http(s) URLs, trimming trailing punctuation", () => {
    const parts = linkify("Verify: http://a.localhost:8787/verify?t=abc. Or javascript:alert(1)");
    expect(parts.filter((p) => p.kind === "link").map((p) => p.text)).toEqual(["http://a.localhost:8787/verify?t=abc"]);
    expect(parts.map((p) => p.text).join("")).toBe(
      "Verify: http://a.localhost:8787/verify?t=abc. Or javascript:alert(1)",
    );
  });
});

describe("format", () => {
  it("only turns http(s) into links", () => {
    expect(safeHttpUrl("https://x.example/")).toBe("https://x.example/");
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl(42)).toBeNull();
  });
  it("reads times as milliseconds, the server's unit, without guessing seconds", () => {
    expect(toDate(1700000000000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(toDate(1700000000)?.toISOString()).toBe("1970-01-20T16:13:20.000Z");
    expect(toDate(null)).toBeNull();
  });
  it("shows a dash for no time, and ages relative to now", () => {
    expect(formatDateTime(null)).toBe("—");
    expect(relativeTime(null)).toBe("—");
    const now = 1700000000000;
    expect(relativeTime(now - 10_000, now)).toBe("just now");
    expect(relativeTime(now - 5 * 60_000, now)).toBe("5 min ago");
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe("3 h ago");
  });
});

describe("reset links", () => {
  it("read the token from the mailed fragment only", () => {
    expect(resetTokenFrom("#sandlot_reset=abc123.def-456_x")).toBe("abc123.def-456_x");
    expect(resetTokenFrom("")).toBeNull();
    expect(resetTokenFrom("#sandlot_verify=abc")).toBeNull();
    expect(resetTokenFrom("#sandlot_reset=")).toBeNull();
    expect(resetTokenFrom("#sandlot_reset=a b")).toBeNull();
    expect(resetTokenFrom(`#sandlot_reset=${"a".repeat(201)}`)).toBeNull();
  });
});
