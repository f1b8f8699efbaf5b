// `sandlot`: the command line for creators and template authors. Plain Node ESM (Node >= 20).
import { parseArgs, resolveCommand, usage } from "./args.mjs";
import * as studio from "./commands.mjs";
import { exportApp, importApp } from "./export.mjs";
import { ApiFailure, formatProblem } from "./http.mjs";
import { parseCollectionSpec } from "./scaffold.mjs";
import { checkTemplate, newTemplate } from "./template.mjs";
import { askTemplateSpec } from "./template-prompts.mjs";
import { templatePush } from "./template-push.mjs";

const out = (line) => process.stdout.write(`${line}\n`);
const err = (line) => process.stderr.write(`${line}\n`);

async function templateCheck([dir], flags) {
  out(`Checking template ${dir} …`);
  const { problems, tests, notes } = await checkTemplate(dir, { runTests: !flags["skip-tests"], log: out });
  for (const n of notes) out(`note: ${n}`);
  for (const p of problems) err(formatProblem(p));
  if (problems.length > 0) {
    err(`${problems.length} problem${problems.length === 1 ? "" : "s"}.`);
    return 1;
  }
  out(
    `OK: template.json is valid, every file passes the checks and the app builds${tests === "passed" ? ", tests pass" : tests === "none" ? " (no test script declared)" : ""}.`,
  );
  return 0;
}

/**
 * The collections and plan from flags; prompts for them on a terminal when no --collection is given.
 * Without a terminal and without flags: one `items` collection and a `pro` plan, so the result works.
 */
async function templateSpec(flags) {
  const given = flags.collection !== undefined || flags.plan !== undefined;
  if (!given && process.stdin.isTTY) return askTemplateSpec(out);
  const collections = [];
  for (const spec of flags.collection ?? ["items=title,notes"]) {
    const parsed = parseCollectionSpec(spec);
    if (!parsed.ok) throw new Error(`--collection ${spec}: ${parsed.error}`);
    collections.push(parsed.collection);
  }
  const planId = flags.plan ?? "pro";
  if (planId === "none") return { collections, plan: null };
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(planId)) throw new Error(`--plan ${planId}: lowercase letters, digits and -`);
  const amount = Number(flags.price ?? 500);
  if (!Number.isInteger(amount) || amount < 50) throw new Error("--price is the monthly price in cents (≥ 50)");
  return { collections, plan: { id: planId, name: planId[0].toUpperCase() + planId.slice(1), amount } };
}

async function templateNew([id], flags) {
  const spec = await templateSpec(flags);
  const { root, files } = newTemplate(id, { dir: flags.dir, ...spec });
  for (const f of files) out(`  created ${f}`);
  out(`New template in ${root}. Check it with \`sandlot template check ${flags.dir ?? id}\`.`);
  return 0;
}

const HANDLERS = {
  login: (_a, f) => studio.login(f, out),
  logout: (_a, f) => studio.logout(f, out),
  "apps create": (a, f) => studio.appsCreate(a, f, out),
  "apps list": (a, f) => studio.appsList(a, f, out),
  pull: (a, f) => studio.pull(a, f, out),
  push: (a, f) => studio.push(a, f, out),
  publish: (a, f) => studio.publish(a, f, out),
  versions: (a, f) => studio.versions(a, f, out),
  rollback: (a, f) => studio.rollback(a, f, out),
  export: (a, f) => exportApp(a, f, out),
  import: (a, f) => importApp(a, f, out),
  "template check": templateCheck,
  "template new": templateNew,
  "template push": (a, f) => templatePush(a, f, out),
};

/** Runs one command; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv) {
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    err(`sandlot: ${parsed.error}\n\n${usage()}`);
    return 2;
  }
  if (parsed.flags.help || parsed.positionals.length === 0) {
    out(usage());
    return parsed.flags.help ? 0 : 2;
  }
  const resolved = resolveCommand(parsed.positionals);
  if (!resolved.ok) {
    err(`sandlot: ${resolved.error}\n\n${usage()}`);
    return 2;
  }
  try {
    const code = await HANDLERS[resolved.command](resolved.args, parsed.flags);
    return typeof code === "number" ? code : 0;
  } catch (e) {
    if (e instanceof ApiFailure) {
      // The server's message repeats the first problem; the list below has them all.
      err(`sandlot: ${e.problems.length > 0 ? e.message.replace(/ First: .*$/s, "") : e.message}`);
      for (const p of e.problems) err(formatProblem(p));
      return 1;
    }
    err(`sandlot: ${e?.message ?? e}`);
    return 1;
  }
}
