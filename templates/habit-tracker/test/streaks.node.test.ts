import { describe, expect, it } from "vitest";
import { historyCsv } from "../src/lib/csv";
import { addDays, currentStreak, lastWeek, localToday, longestStreak } from "../src/lib/streaks";

describe("streaks", () => {
  const today = "2026-03-10";

  it("counts days in a row up to today, or up to yesterday while today is open", () => {
    expect(currentStreak([], today)).toBe(0);
    expect(currentStreak(["2026-03-08", "2026-03-09", "2026-03-10"], today)).toBe(3);
    expect(currentStreak(["2026-03-08", "2026-03-09"], today)).toBe(2);
    expect(currentStreak(["2026-03-07", "2026-03-08"], today)).toBe(0);
    expect(currentStreak(["2026-03-10", "2026-03-08"], today)).toBe(1);
  });

  it("ignores duplicates, malformed days and days after today", () => {
    expect(currentStreak(["2026-03-10", "2026-03-10", "nope", "2026-03-11", "2026-03-09"], today)).toBe(2);
  });

  it("crosses months, leap days and daylight-saving changes", () => {
    expect(currentStreak(["2024-02-28", "2024-02-29", "2024-03-01"], "2024-03-01")).toBe(3);
    expect(currentStreak(["2026-03-28", "2026-03-29", "2026-03-30"], "2026-03-30")).toBe(3);
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("finds the longest run, in any order", () => {
    expect(longestStreak([])).toBe(0);
    expect(longestStreak(["2026-01-05", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-06"])).toBe(3);
    expect(longestStreak(["2026-01-01", "2026-01-01"])).toBe(1);
  });

  it("marks the last seven days, today last", () => {
    expect(lastWeek(["2026-03-10", "2026-03-04", "2026-03-03"], today)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it("reads today in the person's own time zone", () => {
    expect(localToday(new Date(2026, 0, 9, 23, 30))).toBe("2026-01-09");
  });
});

describe("history CSV", () => {
  it("one row per check-in, newest first, with formula-looking names defused", () => {
    const csv = historyCsv(
      [
        { id: "h1", name: "=HYPERLINK(1)" },
        { id: "h2", name: 'Read, "slowly"' },
      ],
      [
        { habitId: "h1", day: "2026-03-01" },
        { habitId: "h2", day: "2026-03-02" },
        { habitId: "gone", day: "2026-03-03" },
      ],
    );
    expect(csv.split("\r\n")).toEqual([
      "day,habit",
      '2026-03-03,"(removed habit)"',
      '2026-03-02,"Read, ""slowly"""',
      '2026-03-01,"\'=HYPERLINK(1)"',
      "",
    ]);
  });
});
