// `sandlot`: the command line for creators and template authors. Plain Node ESM (Node >= 20).
import { parseArgs, resolveCommand, usage } from "./args.mjs";
import * as studio from "./commands.mjs";
import { ApiFailure, formatProblem } from "./http.mjs";
import { checkTemplate, newTemplate } from "./template.mjs";

const out = (line) => process.stdout.write(`${line}\n`);
const err = (line) => process.stderr.write(`${line}\n`);

async function templateCheck([dir], flags) {
  out(`Checking template ${dir} …`);
  const { problems, tests } = await checkTemplate(dir, { runTests: !flags["skip-tests"], log: out });
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

async function templateNew([id], flags) {
  const { root, files } = newTemplate(id, { dir: flags.dir });
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
  "template check": templateCheck,
  "template new": templateNew,
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
