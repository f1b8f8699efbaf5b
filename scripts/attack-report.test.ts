import { describe, expect, it, vi } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { casesFromPlaywright, casesFromVitest, printThreatTable, readThreats, threatRows } from "./attack-report.mjs";
// @ts-expect-error: a plain .mjs script without types
import { root } from "./lib.mjs";

/** Threat ids spelled at run time, so this test of the table cites no threat itself. */
const id = (n: number): string => `T${String(n).padStart(2, "0")}`;

const vitestReport = {
  testResults: [
    {
      name: `${root}test/attacks/t11-t12-idor.test.ts`,
      assertionResults: [
        { fullName: `${id(11)} by id: another user's note is 404`, status: "passed" },
        { fullName: "lists: a query for someone else's rows", status: "failed" },
        { fullName: `${id(99)} not a threat`, status: "passed" },
      ],
    },
    { name: `${root}test/integration/plain.test.ts`, assertionResults: [{ fullName: "no id here", status: "passed" }] },
  ],
};

const playwrightReport = {
  suites: [
    {
      title: "publish.e2e.ts",
      specs: [
        {
          title: `${id(33)} the app cannot frame the studio`,
          file: "publish.e2e.ts",
          tests: [{ results: [{ status: "passed" }] }],
        },
      ],
      suites: [],
    },
  ],
};

describe("the attack table", () => {
  it("reads every threat of the catalogue with its attacker and status", async () => {
    const threats = await readThreats();
    expect(threats.size).toBeGreaterThanOrEqual(57);
    expect(threats.get(id(11)).attacker).toBe("user");
    expect(threats.get(id(43)).status).toBe("not covered");
  });

  it("attributes a test to the ids its name cites, else to its file's ids, and counts a failure as a leak", async () => {
    const cases = [...casesFromVitest("workerd", vitestReport), ...casesFromPlaywright(playwrightReport)];
    expect(cases.map((c: { ids: string[] }) => c.ids)).toEqual([[id(11)], [id(11), id(12)], [id(99)], [id(33)]]);
    const { rows, unknown } = threatRows(await readThreats(), cases);
    const t11 = rows.find((r: { id: string }) => r.id === id(11));
    expect([t11.attacks, t11.blocked, t11.leaked]).toEqual([2, 1, 1]);
    expect(rows.find((r: { id: string }) => r.id === id(33)).runners).toBe("chromium");
    expect(unknown).toEqual([id(99)]);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    // The failed case leaks in both rows it cites, and one id is unknown.
    expect(printThreatTable({ rows, unknown })).toBe(3);
    log.mockRestore();
  });
});
