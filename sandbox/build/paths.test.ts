import { describe, expect, it } from "vitest";
import { checkFilePath, joinRelative } from "./paths";

describe("T44 file paths of the virtual file system", () => {
  it.each(["index.html", "src/main.tsx", "src/blanks/Home.tsx", "src/a-b_c@2.css"])("accepts %s", (p) => {
    expect(checkFilePath(p)).toEqual({ ok: true, path: p });
  });

  it.each([
    ["../src/a.tsx", "'..'"],
    ["src/../../etc/passwd", "'..'"],
    ["src/./a.tsx", "'.'"],
    ["src//a.tsx", "empty segment"],
    ["/src/a.tsx", "absolute"],
    ["//evil/src/a.tsx", "absolute"],
    ["src\\a.tsx", "backslash"],
    ["src/a\0.tsx", "NUL"],
    ["src/%2e%2e/a.tsx", "percent"],
    ["src/%2E%2E%2Fa.tsx", "percent"],
    ["src%2f..%2fa.tsx", "percent"],
    ["C:/src/a.tsx", "scheme or drive"],
    ["file:src/a.tsx", "scheme or drive"],
    ["src/.env", "hidden"],
    ["package.json", "src/"],
    ["template.json", "src/"],
    ["src/", "empty segment"],
    ["src", "src/"],
    ["", "empty"],
    ["src/a\u2024\u2024/b.tsx", "letters, digits"],
    ["src/a b.tsx", "letters, digits"],
    ["__proto__", "src/"],
    [`src/${"a".repeat(300)}.tsx`, "longer"],
  ])("refuses %j (%s)", (p, why) => {
    const r = checkFilePath(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(why);
  });
});

describe("T44 relative imports", () => {
  it("resolves inside the tree", () => {
    expect(joinRelative("src/blanks", "../components/Card")).toEqual({ ok: true, path: "src/components/Card" });
    expect(joinRelative("src", "./blanks/Home")).toEqual({ ok: true, path: "src/blanks/Home" });
  });
  it("refuses climbing above the root, encodings and backslashes", () => {
    expect(joinRelative("src/blanks", "../../../etc/passwd").ok).toBe(false);
    expect(joinRelative("src", "./%2e%2e/x").ok).toBe(false);
    expect(joinRelative("src", ".\\x").ok).toBe(false);
    expect(joinRelative("src", "./a\0").ok).toBe(false);
    expect(joinRelative("src", ".//x").ok).toBe(false);
  });
});
