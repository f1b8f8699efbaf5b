import { describe, expect, it } from "vitest";
import { ApiError, errorFromResponse, parseOk, parseProblems } from "./api-core";

describe("errorFromResponse", () => {
  it("uses the server's code and message", () => {
    const e = errorFromResponse(
      409,
      JSON.stringify({ error: { code: "slug_taken", message: 'The address "x" is taken.' } }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(409);
    expect(e.code).toBe("slug_taken");
    expect(e.message).toBe('The address "x" is taken.');
  });
  it("reads the blanks a stale save collided on, strings only", () => {
    const e = errorFromResponse(
      409,
      JSON.stringify({ error: { code: "conflict", message: "changed", blanks: ["src/a.tsx", 7, "src/b.css"] } }),
    );
    expect(e.code).toBe("conflict");
    expect(e.blanks).toEqual(["src/a.tsx", "src/b.css"]);
  });
  it("reads publish problems inside error (the platform's shape)", () => {
    const inside = errorFromResponse(
      422,
      JSON.stringify({
        error: {
          code: "build_failed",
          message: "did not build",
          problems: [{ file: "src/blanks/Home.tsx", line: 3, column: 5, message: "bad", code: "syntax" }],
        },
      }),
    );
    expect(inside.problems).toEqual([{ file: "src/blanks/Home.tsx", line: 3, column: 5, message: "bad" }]);
  });
  it("falls back to a readable message for non-JSON bodies and never shows HTML", () => {
    expect(errorFromResponse(500, "<html>stack trace</html>").message).toMatch(/Sandlot had a problem/);
    expect(errorFromResponse(429, "").message).toMatch(/Too many/);
  });
  it("drops malformed problems", () => {
    expect(parseProblems([null, 1, { file: "a" }, { file: "a", line: "x", message: "ok" }])).toEqual([
      { file: "a", line: 1, message: "ok" },
    ]);
    expect(parseProblems("nope")).toEqual([]);
  });
});

describe("parseOk", () => {
  it("parses JSON and empty bodies", () => {
    expect(parseOk("")).toBeNull();
    expect(parseOk('{"a":1}')).toEqual({ a: 1 });
    expect(() => parseOk("<html>")).toThrow(ApiError);
  });
});
