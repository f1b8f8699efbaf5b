import { describe, expect, it } from "vitest";
import { tokenize } from "./highlight";

describe("tokenize", () => {
  it("round-trips the text exactly", () => {
    const src = 'import { x } from "y";\n// hi\nexport default function A() { return <div className="a">{1}</div>; }\n';
    expect(
      tokenize(src, "A.tsx")
        .map((t) => t.text)
        .join(""),
    ).toBe(src);
    const css = ":root { --a: #fff; } /* c */ @media (x) { a { b: 1px } }";
    expect(
      tokenize(css, "theme.css")
        .map((t) => t.text)
        .join(""),
    ).toBe(css);
  });
  it("classifies keywords, strings, comments and tags", () => {
    const kinds = tokenize('const s = "x"; // c\n<App />', "a.tsx");
    expect(kinds.find((t) => t.text === "const")?.kind).toBe("keyword");
    expect(kinds.find((t) => t.text === '"x"')?.kind).toBe("string");
    expect(kinds.find((t) => t.text.startsWith("// c"))?.kind).toBe("comment");
    expect(kinds.find((t) => t.text === "<App")?.kind).toBe("tag");
  });
  it("keeps markup-looking content as plain text tokens (rendered by React as text)", () => {
    const src = '"<img src=x onerror=alert(1)>"';
    expect(tokenize(src, "a.tsx")).toEqual([{ kind: "string", text: src }]);
  });
});
