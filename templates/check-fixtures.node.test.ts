/**
 * Broken templates for `sandlot template check`: each must fail with file and line. No CLI checker
 * module existed when this was written, so this runs the same steps the checker needs — the
 * manifest schema with template.json:line (templates/_kit/load.ts) and the real builder — and the
 * three shipped templates must pass the same steps.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  buildTemplate,
  checkManifest,
  loadToolchain,
  readTemplateDir,
  type Problem,
  type Toolchain,
} from "./_kit/load";

const root = fileURLToPath(new URL("..", import.meta.url));
let tc: Toolchain;
beforeAll(async () => {
  tc = await loadToolchain();
}, 120_000);
afterAll(() => tc?.dispose());

async function check(dir: string): Promise<Problem[]> {
  const t = readTemplateDir(dir);
  const { manifest, problems } = checkManifest(t);
  if (!manifest) return problems;
  const r = await buildTemplate(tc, manifest, t);
  return [...problems, ...(r.ok ? [] : r.problems.map((p) => ({ file: p.file, line: p.line, message: p.message })))];
}

it("bad-rule: template.json:9 names the rule", async () => {
  const problems = await check(join(root, "test/fixtures/broken-templates/bad-rule"));
  expect(problems).toEqual([
    expect.objectContaining({
      file: "template.json",
      line: 9,
      message: expect.stringContaining("collections.notes.rules.read"),
    }),
  ]);
});

it("missing-blank: template.json:7 names the missing file", async () => {
  const problems = await check(join(root, "test/fixtures/broken-templates/missing-blank"));
  expect(problems).toContainEqual(
    expect.objectContaining({
      file: "template.json",
      line: 7,
      message: expect.stringContaining("src/blanks/Missing.tsx"),
    }),
  );
});

it("bad-import: src/blanks/Home.tsx:2 names the package", async () => {
  const problems = await check(join(root, "test/fixtures/broken-templates/bad-import"));
  expect(problems).toContainEqual(
    expect.objectContaining({
      file: "src/blanks/Home.tsx",
      line: 2,
      message: expect.stringContaining("canvas-confetti"),
    }),
  );
});

it.each([
  "paid-newsletter",
  "booking",
  "saas-starter",
  "downloads-shop",
  "online-course",
  "events",
  "community-qa",
  "directory",
  "waitlist",
  "habit-tracker",
])("%s passes the same checks", async (id) => {
  expect(await check(join(root, "templates", id))).toEqual([]);
});

it("bad-condition: each condition that does not fit its collection names its template.json line", async () => {
  const problems = await check(join(root, "test/fixtures/broken-templates/bad-condition"));
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        file: "template.json",
        line: 14,
        message: expect.stringContaining("shared is a boolean"),
      }),
      expect.objectContaining({
        file: "template.json",
        line: 15,
        message: expect.stringContaining("visibility hides"),
      }),
      expect.objectContaining({
        file: "template.json",
        line: 16,
        message: expect.stringContaining('"published" is not a field'),
      }),
      expect.objectContaining({
        file: "template.json",
        line: 19,
        message: expect.stringContaining("maxLength of at most 200"),
      }),
    ]),
  );
  expect(problems).toHaveLength(4);
});
