import { describe, expect, it } from "vitest";
import { indent, lineCount, lineRange, newline, outdent, positionOf } from "./textops";

const at = (text: string, start: number, end = start) => ({ text, start, end });

describe("indent / outdent", () => {
  it("inserts two spaces at the caret", () => {
    expect(indent(at("ab", 1))).toEqual({ text: "a  b", start: 3, end: 3 });
  });
  it("indents every selected line and keeps the selection over them", () => {
    const r = indent(at("one\ntwo\nthree", 1, 6));
    expect(r.text).toBe("  one\n  two\nthree");
    expect(r.start).toBe(3);
    expect(r.end).toBe(10);
  });
  it("does not indent a line the selection only touches at column 0", () => {
    expect(indent(at("a\nb\nc", 0, 4)).text).toBe("  a\n  b\nc");
  });
  it("outdents selected lines by up to one indent", () => {
    const r = outdent(at("    a\n  b\nc", 2, 9));
    expect(r.text).toBe("  a\nb\nc");
  });
  it("outdents the caret line and moves the caret with it", () => {
    expect(outdent(at("    x", 4))).toEqual({ text: "  x", start: 2, end: 2 });
    expect(outdent(at("x", 1))).toEqual({ text: "x", start: 1, end: 1 });
  });
});

describe("newline", () => {
  it("keeps the current indentation", () => {
    expect(newline(at("  foo", 5))).toEqual({ text: "  foo\n  ", start: 8, end: 8 });
  });
  it("indents after an opener and splits a {} pair", () => {
    const r = newline(at("if (x) {}", 8));
    expect(r.text).toBe("if (x) {\n  \n}");
    expect(r.start).toBe(11);
  });
  it("indents after an opening JSX tag", () => {
    expect(newline(at("<div>", 5)).text).toBe("<div>\n  ");
    expect(newline(at("<br />", 6)).text).toBe("<br />\n");
  });
  it("replaces a selection", () => {
    expect(newline(at("abc", 1, 2)).text).toBe("a\nc");
  });
});

describe("positions", () => {
  it("maps offsets to 1-based line/column and back", () => {
    const t = "ab\ncde\n\nf";
    expect(positionOf(t, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(t, 4)).toEqual({ line: 2, column: 2 });
    expect(lineRange(t, 2)).toEqual({ start: 3, end: 6 });
    expect(lineRange(t, 3)).toEqual({ start: 7, end: 7 });
    expect(lineRange(t, 99)).toEqual({ start: 8, end: 9 });
    expect(lineCount(t)).toBe(4);
  });
});
