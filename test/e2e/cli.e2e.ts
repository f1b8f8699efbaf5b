// The `sandlot` CLI as a creator runs it, a real process against the real platform this run
// started (wrangler dev): a push on a stale revision reports the conflict and changes nothing;
// publish prints each phase with its time.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, runCli } from "./cli-runner";
import { expect, readFiles, saveFiles, TEMPLATE_HEADING, test, uniqueTag } from "./fixtures";

const INTRO = "src/blanks/Intro.tsx";

let home = "";
test.beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "sandlot-cli-e2e-"));
});
test.afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const sandlot = (args: string[], options: { url: string; token: string }): Promise<CliRun> =>
  runCli(args, { ...options, home });

test("push on a stale revision reports the conflict and saves nothing; after a pull it saves", async ({
  app,
  context,
  baseURL,
}) => {
  const token = await apiToken(context.request);
  const cli = { url: baseURL ?? "", token };
  const dir = join(home, app.slug);
  const pulled = await sandlot(["pull", app.slug, dir], cli);
  expect(pulled.code, pulled.stderr).toBe(0);
  expect(pulled.stdout).toContain(`Pulled`);
  const project = JSON.parse(await readFile(join(dir, ".sandlot.json"), "utf8")) as { revision: string };
  expect(project.revision).toMatch(/\S/);

  // Someone saves in the studio after the pull.
  const original = await readFile(join(dir, INTRO), "utf8");
  const theirs = original.replace(TEMPLATE_HEADING, `Saved in the studio ${uniqueTag()}`);
  await saveFiles(context.request, app.slug, { [INTRO]: theirs });

  const mine = original.replace(TEMPLATE_HEADING, `Edited on the command line ${uniqueTag()}`);
  await writeFile(join(dir, INTRO), mine);
  const stale = await sandlot(["push", app.slug, dir], cli);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain("These blanks were changed elsewhere since you opened them: src/blanks/Intro.tsx.");
  expect(stale.stderr).toContain("Nothing was saved.");
  expect(stale.stderr).toContain(`sandlot pull ${app.slug}`);
  // Nothing changed: the studio's save stands, and the project keeps the revision it had.
  expect((await readFiles(context.request, app.slug))[INTRO]).toBe(theirs);
  const after = JSON.parse(await readFile(join(dir, ".sandlot.json"), "utf8")) as { revision: string };
  expect(after.revision).toBe(project.revision);

  // Pull (the studio's version comes down), edit again, push: it saves and records the new revision.
  await rm(join(dir, INTRO));
  expect((await sandlot(["pull", app.slug, dir], cli)).code).toBe(0);
  expect(await readFile(join(dir, INTRO), "utf8")).toBe(theirs);
  await writeFile(join(dir, INTRO), mine);
  const pushed = await sandlot(["push", app.slug, dir], cli);
  expect(pushed.code, pushed.stderr).toBe(0);
  expect(pushed.stdout).toContain("Saved.");
  expect((await readFiles(context.request, app.slug))[INTRO]).toBe(mine);
  const saved = JSON.parse(await readFile(join(dir, ".sandlot.json"), "utf8")) as { revision: string };
  expect(saved.revision).not.toBe(project.revision);
});

test("publish prints the phases in order, each with its time, then the version", async ({ app, context, baseURL }) => {
  const token = await apiToken(context.request);
  const run = await sandlot(["publish", app.slug], { url: baseURL ?? "", token });
  expect(run.code, run.stderr).toBe(0);
  const phases = [...run.stdout.matchAll(/^ {2}✓ (\w+) +(\d+) ms$/gm)].map((m) => ({ phase: m[1], ms: Number(m[2]) }));
  expect(phases.map((p) => p.phase)).toEqual(["building", "checking", "uploading", "live"]);
  for (const p of phases) expect(Number.isInteger(p.ms) && p.ms >= 0).toBe(true);
  expect(run.stdout).toMatch(
    new RegExp(`Published version 1 in \\d+\\.\\d s: ${app.origin.replace(/[.:/]/g, "\\$&")}`),
  );
  // Without a terminal there is no spinner: no carriage returns in the output.
  expect(run.stdout).not.toContain("\r");
});

/** A named API token for the signed-in creator, the way `sandlot login` makes one. */
async function apiToken(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const res = await request.post("/api/tokens", { data: { name: `cli e2e ${uniqueTag()}` } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}
