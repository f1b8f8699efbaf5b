import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const CLI = join(__dirname, "../../scripts/sandlot.mjs");
const work = mkdtempSync(join(tmpdir(), "sandlot-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function sandlot(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd: work,
      env: { ...process.env, SANDLOT_CONFIG: join(work, "config.json") },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A fresh scaffold per test, so one test's edits never leak into another. */
async function scaffold(id: string): Promise<string> {
  const made = await sandlot("template", "new", id);
  expect(made.code, made.stderr).toBe(0);
  return join(work, id);
}

describe("sandlot template new / check", () => {
  it("a new template passes its own check, tests included", async () => {
    const dir = await scaffold("fresh-template");
    const res = await sandlot("template", "check", dir);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("tests pass");
  });

  it("a new template takes its locked UI from @sandlot/kit rather than copies", async () => {
    const dir = await scaffold("kit-user");
    expect(readFileSync(join(dir, "src/main.tsx"), "utf8")).toContain('import "@sandlot/kit/base.css";');
    expect(readFileSync(join(dir, "src/App.tsx"), "utf8")).toMatch(
      /import \{[^}]*\bAuthScreen\b[^}]*\} from "@sandlot\/kit";/,
    );
    const res = await sandlot("template", "check", dir, "--skip-tests");
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
  });

  it("refuses a disallowed import with file:line:column and exits 1", async () => {
    const dir = await scaffold("bad-import");
    writeFileSync(
      join(dir, "src/blanks/Home.tsx"),
      'export default function Home() {\n  return <h1>hi</h1>;\n}\nimport leftpad from "left-pad";\nconsole.log(leftpad);\n',
    );
    const res = await sandlot("template", "check", dir, "--skip-tests");
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^src\/blanks\/Home\.tsx:4:\d+ import "left-pad" is not allowed/m);
  });

  it("reports a credential-shaped string in a locked file with its line, without echoing it", async () => {
    const dir = await scaffold("leaky");
    const key = ["sk", "live", "4eC39HqLyjWDarjtT1zdp7dc"].join("_");
    const main = readFileSync(join(dir, "src/main.tsx"), "utf8");
    writeFileSync(join(dir, "src/main.tsx"), `${main}const k = "${key}";\nconsole.log(k);\n`);
    const res = await sandlot("template", "check", dir, "--skip-tests");
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^src\/main\.tsx:6:\d+ .*Stripe secret/m);
    expect(res.stderr + res.stdout).not.toContain(key);
  });

  it("validates template.json against the platform's manifest schema, naming the line", async () => {
    const dir = await scaffold("bad-manifest");
    const manifest = JSON.parse(readFileSync(join(dir, "template.json"), "utf8"));
    manifest.collections = { notes: { fields: { text: { type: "text" } }, rules: { list: "everyone" } } };
    writeFileSync(join(dir, "template.json"), JSON.stringify(manifest, null, 2));
    const res = await sandlot("template", "check", dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^template\.json:\d+ collections\.notes\.rules\.list: a rule is public/m);
  });

  it("names the line of a rule whose condition does not fit the collection", async () => {
    const dir = await scaffold("bad-condition");
    const manifest = JSON.parse(readFileSync(join(dir, "template.json"), "utf8"));
    manifest.collections = {
      notes: {
        fields: { shared: { type: "boolean" } },
        rules: { list: "owner | public where shared = true", read: "public where nope = 1" },
      },
    };
    writeFileSync(join(dir, "template.json"), JSON.stringify(manifest, null, 2));
    const res = await sandlot("template", "check", dir, "--skip-tests");
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^template\.json:\d+ collections\.notes\.rules\.read: rule "public where nope = 1": "nope" is not a field/m,
    );
    expect(res.stderr).not.toMatch(/rules\.list/);
  });

  it("a missing blank file and a failing test script are problems", async () => {
    const dir = await scaffold("broken-tests");
    const manifest = JSON.parse(readFileSync(join(dir, "template.json"), "utf8"));
    manifest.blanks.push({ path: "src/blanks/About.tsx", title: "About", purpose: "Who we are." });
    writeFileSync(join(dir, "template.json"), JSON.stringify(manifest, null, 2));
    const missing = await sandlot("template", "check", dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^src\/blanks\/About\.tsx:\d+ blank declared in template\.json but the file does not exist/m,
    );
    writeFileSync(join(dir, "src/blanks/About.tsx"), "export const About = 1;\n");
    const failing = await sandlot("template", "check", dir);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/^package\.json:\d+ the test script failed/m);
  });

  it("usage errors exit 2 with the usage text", async () => {
    const res = await sandlot("template", "check");
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Usage: sandlot template check <dir>");
    expect((await sandlot("template", "new", "Bad_Id")).code).toBe(1);
  });
});

describe("sandlot apps create (T46)", () => {
  it("refuses a lookalike or reserved slug with the platform's own words, before any request", async () => {
    // No studio is configured: a request would fail differently, so this proves the local check ran.
    const lookalike = await sandlot(
      "apps",
      "create",
      "st0dio",
      "--template",
      "saas-starter",
      "--url",
      "http://127.0.0.1:9",
    );
    expect(lookalike.code).toBe(1);
    expect(lookalike.stderr).toContain('looks too much like the reserved name "studio"');
    const reserved = await sandlot(
      "apps",
      "create",
      "billing",
      "--template",
      "saas-starter",
      "--url",
      "http://127.0.0.1:9",
    );
    expect(reserved.stderr).toContain('"billing" is reserved');
  });
});
