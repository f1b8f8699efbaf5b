import { describe, expect, it } from "vitest";
import { plainProblem } from "./plain-words";

describe("build problems in plain words", () => {
  it("a missing </h1> points at the line the <h1> opens on", () => {
    const p = plainProblem('Unexpected closing "section" tag does not match opening "h1" tag', 10, [
      { text: 'The opening "h1" tag is here:', location: { line: 5, column: 6 } },
    ]);
    expect(p).toEqual({
      line: 5,
      column: 7,
      message: "The <h1> that opens on line 5 is never closed: add </h1> before the </section> on line 10.",
    });
  });

  it("end of file before a closing tag", () => {
    const p = plainProblem('Unexpected end of file before a closing "section" tag', 13, [
      { text: 'The opening "section" tag is here:', location: { line: 4, column: 4 } },
    ]);
    expect(p?.message).toBe("The <section> that opens on line 4 is never closed: add </section> where it should end.");
  });

  it("other messages keep esbuild's words", () => {
    expect(plainProblem('Expected ";" but found "x"', 3, [])).toBeNull();
    expect(plainProblem('Unexpected closing "a" tag does not match opening "b" tag', 3, [])).toBeNull();
  });
});
