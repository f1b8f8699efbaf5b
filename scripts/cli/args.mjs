// Argument parsing for `sandlot`: pure, so it is tested without a server (test/cli/args.test.ts).

/** Flags that take a value; anything else starting with -- is a boolean. */
const VALUE_FLAGS = new Set([
  "url",
  "token",
  "template",
  "name",
  "dir",
  "email",
  "collection",
  "plan",
  "price",
  "output",
]);
/** Value flags that may be given more than once; they collect into an array. */
const REPEATED_FLAGS = new Set(["collection"]);
const BOOLEAN_FLAGS = new Set(["help", "skip-tests", "force"]);

/**
 * @param {string[]} argv  process.argv.slice(2)
 * @returns {{ ok: true, positionals: string[], flags: Record<string, string | string[] | true> } | { ok: false, error: string }}
 */
export function parseArgs(argv) {
  const positionals = [];
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      flags.help = true;
      continue;
    }
    if (arg === "-o") {
      const value = argv[++i];
      if (value === undefined || value === "" || value.startsWith("-")) return { ok: false, error: "-o needs a value" };
      flags.output = value;
      continue;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (VALUE_FLAGS.has(name)) {
      const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined || value === "" || (eq === -1 && value.startsWith("--")))
        return { ok: false, error: `--${name} needs a value` };
      if (REPEATED_FLAGS.has(name)) flags[name] = [...(flags[name] ?? []), value];
      else flags[name] = value;
    } else if (BOOLEAN_FLAGS.has(name)) {
      if (eq !== -1) return { ok: false, error: `--${name} takes no value` };
      flags[name] = true;
    } else {
      return { ok: false, error: `unknown option --${name}` };
    }
  }
  return { ok: true, positionals, flags };
}

/** The commands, with how many positionals each takes: [required, optional]. */
export const COMMANDS = {
  login: { args: [0, 0], usage: "login [--url URL] [--token TOKEN] [--email EMAIL]" },
  logout: { args: [0, 0], usage: "logout" },
  "apps create": { args: [1, 0], usage: "apps create <slug> --template <id> [--name NAME]" },
  "apps list": { args: [0, 0], usage: "apps list" },
  pull: { args: [1, 1], usage: "pull <slug> [dir]" },
  push: { args: [1, 1], usage: "push <slug> [dir] [--force]" },
  publish: { args: [1, 0], usage: "publish <slug>" },
  versions: { args: [1, 0], usage: "versions <slug>" },
  rollback: { args: [2, 0], usage: "rollback <slug> <version>" },
  export: { args: [1, 0], usage: "export <slug> [-o FILE.zip]" },
  import: { args: [2, 0], usage: "import <slug> <FILE.zip>" },
  "template check": { args: [1, 0], usage: "template check <dir> [--skip-tests]" },
  "template new": {
    args: [1, 0],
    usage: "template new <id> [--dir DIR] [--collection NAME=FIELD[:TYPE],…]… [--plan ID|none] [--price CENTS]",
  },
  "template push": { args: [1, 0], usage: "template push <dir> [--url URL]" },
};

/**
 * Resolve the command name (one or two words) and check its positional count.
 * @returns {{ ok: true, command: string, args: string[] } | { ok: false, error: string }}
 */
export function resolveCommand(positionals) {
  const [first, second, ...rest] = positionals;
  if (!first) return { ok: false, error: "no command given" };
  let command = first;
  let args = positionals.slice(1);
  if (first === "apps" || first === "template") {
    if (!second)
      return {
        ok: false,
        error: `"${first}" needs a subcommand: ${Object.keys(COMMANDS)
          .filter((c) => c.startsWith(`${first} `))
          .map((c) => c.split(" ")[1])
          .join(", ")}`,
      };
    command = `${first} ${second}`;
    args = rest;
  }
  const spec = COMMANDS[command];
  if (!spec) return { ok: false, error: `unknown command "${command}"` };
  const [required, optional] = spec.args;
  if (args.length < required) return { ok: false, error: `missing argument. Usage: sandlot ${spec.usage}` };
  if (args.length > required + optional)
    return { ok: false, error: `too many arguments. Usage: sandlot ${spec.usage}` };
  return { ok: true, command, args };
}

export function usage() {
  return [
    "Usage: sandlot <command>",
    "",
    ...Object.values(COMMANDS).map((c) => `  sandlot ${c.usage}`),
    "",
    "Studio URL: --url, $SANDLOT_URL, or the one saved by login (default http://localhost:8787).",
    "Config: $SANDLOT_CONFIG or ~/.config/sandlot/config.json (mode 0600).",
  ].join("\n");
}

/** Slugs and template ids are checked here only for a friendly early message; the server decides. */
export function looksLikeSlug(value) {
  return /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/.test(value);
}
