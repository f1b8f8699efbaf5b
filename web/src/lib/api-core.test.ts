import { describe, expect, it } from "vitest";
import { ApiError, errorFromResponse, isMissingEndpoint, parseOk, parseProblems } from "./api-core";

describe("errorFromResponse", () => {
  it("uses the server's code and message", () => {
    const e = errorFromResponse(409, JSON.stringify({ error: { code: "slug_taken", message: 'The address "x" is taken.' } }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(409);
    expect(e.code).toBe("slug_taken");
    expect(e.message).toBe('The address "x" is taken.');
  });
  it("reads publish problems inside error (platform shape) or at the top level", () => {
    const inside = errorFromResponse(422, JSON.stringify({ error: { code: "build_failed", message: "did not build", problems: [{ file: "src/blanks/Home.tsx", line: 3, column: 5, message: "bad", code: "syntax" }] } }));
    expect(inside.problems).toEqual([{ file: "src/blanks/Home.tsx", line: 3, column: 5, message: "bad" }]);
    const top = errorFromResponse(422, JSON.stringify({ error: { code: "x", message: "y" }, problems: [{ file: "a", line: 1, message: "m" }] }));
    expect(top.problems).toHaveLength(1);
  });
  it("falls back to a readable message for non-JSON bodies and never shows HTML", () => {
    expect(errorFromResponse(500, "<html>stack trace</html>").message).toMatch(/Sandlot had a problem/);
    expect(errorFromResponse(429, "").message).toMatch(/Too many/);
  });
  it("drops malformed problems", () => {
    expect(parseProblems([null, 1, { file: "a" }, { file: "a", line: "x", message: "ok" }])).toEqual([{ file: "a", line: 1, message: "ok" }]);
    expect(parseProblems("nope")).toEqual([]);
  });
});

describe("parseOk / isMissingEndpoint", () => {
  it("parses JSON and empty bodies", () => {
    expect(parseOk("")).toBeNull();
    expect(parseOk('{"a":1}')).toEqual({ a: 1 });
    expect(() => parseOk("<html>")).toThrow(ApiError);
  });
  it("treats 404 as a missing endpoint", () => {
    expect(isMissingEndpoint(new ApiError(404, "not_found", "x"))).toBe(true);
    expect(isMissingEndpoint(new ApiError(400, "x", "x"))).toBe(false);
    expect(isMissingEndpoint(new Error("x"))).toBe(false);
  });
});
