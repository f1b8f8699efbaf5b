import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { toDiagnostics } from "./diagnostics";

const doc = Text.of(["const a = 1;", "  return <h1>Hi</h2>;", "}"]);

describe("toDiagnostics", () => {
  it("marks the whole line when there is no column", () => {
    const [d] = toDiagnostics(doc, [{ line: 2, message: "Unexpected closing tag" }]);
    expect(d).toMatchObject({ from: 13, to: 13 + 21, severity: "error", message: "Unexpected closing tag" });
  });

  it("marks the word at the column", () => {
    const [d] = toDiagnostics(doc, [{ line: 1, column: 7, message: "unused", severity: "warning", source: "ts" }]);
    expect(doc.sliceString(d?.from ?? 0, d?.to ?? 0)).toBe("a");
    expect(d).toMatchObject({ severity: "warning", source: "ts" });
  });

  it("clamps lines past the end to the last line", () => {
    const [d] = toDiagnostics(doc, [{ line: 40, message: "gone" }]);
    expect(doc.lineAt(d?.from ?? 0).number).toBe(3);
  });
});
