import { describe, expect, it } from "vitest";
import { checkFiles, firstDifference } from "./check";
import { HOME, fixtureTemplate } from "./test-fixtures";

const template = fixtureTemplate;

describe("checkFiles (pure, no esbuild)", () => {
  it("accepts unchanged locked files and edited blanks", () => {
    expect(
      checkFiles({
        template,
        files: { [HOME]: "export default () => null;\n", "src/App.tsx": template.files["src/App.tsx"]! },
      }),
    ).toEqual([]);
  });

  it("I9: a changed locked file is refused naming the path and first differing line", () => {
    const app = template.files["src/App.tsx"]!.replace("./blanks/Home", "./blanks/Other");
    const problems = checkFiles({ template, files: { "src/App.tsx": app } });
    expect(problems).toEqual([expect.objectContaining({ file: "src/App.tsx", line: 2, code: "locked_file" })]);
    expect(problems[0]!.message).toContain("src/App.tsx");
  });

  it("I9: a new file that is not a blank is refused", () => {
    const problems = checkFiles({ template, files: { "src/blanks/Extra.tsx": "export default 1;" } });
    expect(problems).toEqual([
      expect.objectContaining({ file: "src/blanks/Extra.tsx", code: "unknown_blank", line: 1 }),
    ]);
  });

  it("T44: bad paths are all reported, none accepted", () => {
    const files = { "../x.tsx": "", "src/%2e%2e/x.tsx": "", "/src/a.tsx": "", "src\\a.tsx": "", "src/a\0.tsx": "" };
    const problems = checkFiles({ template, files });
    expect(problems).toHaveLength(5);
    expect(problems.every((p) => p.code === "bad_path")).toBe(true);
    expect(problems.map((p) => p.file)).toContain("src\\\\a.tsx"); // shown escaped, never raw
  });

  it("T01: a credential in a blank is reported with file and line, without echoing it", () => {
    const key = ["sk", "live", "A1b2C3d4E5f6G7h8"].join("_");
    const problems = checkFiles({
      template,
      files: { [HOME]: `export default function Home() {\n  return <p>${key}</p>;\n}\n` },
    });
    expect(problems).toEqual([expect.objectContaining({ file: HOME, line: 2, column: 13, code: "secret" })]);
    expect(problems[0]!.message).not.toContain(key);
  });

  it("too_large: a single huge file", () => {
    const problems = checkFiles({ template, files: { [HOME]: "x".repeat(2000) }, maxFileBytes: 1000 });
    expect(problems).toEqual([expect.objectContaining({ file: HOME, code: "too_large" })]);
  });

  it("firstDifference is 1-based", () => {
    expect(firstDifference("a\nbc\n", "a\nbd\n")).toEqual({ line: 2, column: 2 });
    expect(firstDifference("abc", "abcd")).toEqual({ line: 1, column: 4 });
  });
});
