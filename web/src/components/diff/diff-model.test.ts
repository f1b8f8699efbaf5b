import { describe, expect, it } from "vitest";
import { describeDiff, diffSummary } from "./diff-model";

describe("diffSummary", () => {
  it("finds nothing between equal texts", () => {
    const s = diffSummary("a\nb\nc\n", "a\nb\nc\n");
    expect(s).toEqual({ chunks: 0, removed: 0, added: 0 });
    expect(describeDiff(s)).toBe("No changes");
  });

  it("counts a replaced line as one removed and one added", () => {
    const s = diffSummary("one\ntwo\nthree\n", "one\nTWO\nthree\n");
    expect(s).toEqual({ chunks: 1, removed: 1, added: 1 });
    expect(describeDiff(s)).toBe("1 line added, 1 removed");
  });

  it("counts pure additions and separate runs", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    const after = "a\nnew 1\nnew 2\nb\nc\nd\ne\nf\ng\nh\nend\n";
    const s = diffSummary(before, after);
    expect(s).toEqual({ chunks: 2, removed: 0, added: 3 });
    expect(describeDiff(s)).toBe("3 lines added");
  });

  it("counts removals", () => {
    const s = diffSummary("keep\ndrop\nkeep too\n", "keep\nkeep too\n");
    expect(describeDiff(s)).toBe("1 line removed");
  });
});
