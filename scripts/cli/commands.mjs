// The studio commands of `sandlot`: everything except `template …`, which works offline.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { readConfig, removeConfig, studioUrl, writeConfig, configPath } from "./config.mjs";
import { loadBuilder } from "./builder.mjs";
import { ApiFailure, createApi, formatProblem } from "./http.mjs";

export const PROJECT_FILE = ".sandlot.json";

export function connect(flags, { needToken = true } = {}) {
  const config = readConfig();
  const url = studioUrl(flags, config);
  const token =
    flags.token || process.env.SANDLOT_TOKEN || (config.url === url || !config.url ? config.token : undefined);
  if (needToken && !token)
    throw new ApiFailure(401, "unauthorized", `not logged in to ${url}. Run \`sandlot login --url ${url}\` first.`);
  return { url, api: createApi({ url, token }) };
}

async function ask(question, { hidden = false } = {}) {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (hidden && process.stdin.isTTY) {
    // Echo nothing while the password is typed.
    rl._writeToOutput = (s) => (s.includes(question) ? process.stdout.write(s) : undefined);
  }
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
    if (hidden && process.stdin.isTTY) process.stdout.write("\n");
  }
}

export async function login(flags, log) {
  const url = studioUrl(flags, readConfig());
  let token = flags.token;
  if (!token) {
    const email = flags.email || (await ask("Email: "));
    const password = await ask("Password: ", { hidden: true });
    log(`Signing in to ${url} …`);
    const anon = createApi({ url });
    const { res } = await anon.post("/api/auth/login", { email, password });
    // The session cookie is used once, to create a named API token, and then forgotten.
    const cookie = res.headers
      .getSetCookie()
      .map((l) => l.split(";")[0])
      .join("; ");
    const created = await anon.post("/api/tokens", { name: `sandlot CLI on ${hostname()}`.slice(0, 60) }, { cookie });
    token = created.data.token;
    await anon.post("/api/auth/logout", undefined, { cookie }).catch(() => undefined);
  }
  const me = await createApi({ url, token }).get("/api/auth/me");
  writeConfig({ url, token });
  log(`Logged in to ${url} as ${me?.creator?.email ?? "you"}. Token saved in ${configPath()}.`);
}

export async function logout(_flags, log) {
  removeConfig();
  log(`Removed ${configPath()}. The token still exists in the studio; delete it there to revoke it.`);
}

export async function appsCreate([slug], flags, log) {
  if (!flags.template)
    throw new ApiFailure(400, "usage", "--template <id> is required (see the studio for template ids)");
  // The platform's own slug rules, so a bad name fails before any request; the server checks again.
  const slugCheck = (await loadBuilder()).checkSlug(slug);
  if (!slugCheck.ok) throw new ApiFailure(400, "invalid_slug", `That address can't be used. ${slugCheck.reason}`);
  const { api } = connect(flags);
  const { data } = await api.post("/api/apps", {
    slug,
    template: flags.template,
    ...(flags.name ? { name: flags.name } : {}),
  });
  log(`Created ${data.app.slug} (template ${data.app.template}). It will live at ${data.app.url}`);
}

export async function appsList(_args, flags, log) {
  const { api } = connect(flags);
  const { apps } = await api.get("/api/apps");
  if (apps.length === 0) return log("No apps yet. Create one with `sandlot apps create <slug> --template <id>`.");
  for (const a of apps)
    log(
      `${a.slug.padEnd(24)} ${a.template.padEnd(20)} ${a.version === null ? "unpublished" : `v${a.version}`}  ${a.url}`,
    );
}

/** A server-given path, resolved inside `dir` or refused: the CLI never writes outside it (T44). */
export function safeJoin(dir, path) {
  if (
    typeof path !== "string" ||
    path.includes("\0") ||
    path.includes("\\") ||
    isAbsolute(path) ||
    path.split("/").some((s) => s === ".." || s === "." || s === "")
  ) {
    throw new ApiFailure(400, "bad_path", `refusing unsafe path from the server: ${JSON.stringify(path)}`);
  }
  const full = resolve(dir, path);
  const rel = relative(resolve(dir), full);
  if (rel.startsWith("..") || isAbsolute(rel))
    throw new ApiFailure(400, "bad_path", `refusing path outside ${dir}: ${path}`);
  return full;
}

export async function pull([slug, dirArg], flags, log) {
  const { url, api } = connect(flags);
  const dir = resolve(dirArg ?? slug);
  const { files, blanks, revision } = await api.get(`/api/apps/${encodeURIComponent(slug)}/files`);
  const { app } = await api.get(`/api/apps/${encodeURIComponent(slug)}`);
  for (const [path, content] of Object.entries(files)) {
    const target = safeJoin(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    log(`  wrote ${relative(process.cwd(), target) || target}`);
  }
  // The revision pulled: push sends it as If-Match, so it cannot overwrite a save made since.
  writeFileSync(
    join(dir, PROJECT_FILE),
    `${JSON.stringify({ url, slug, template: app.template, blanks, revision }, null, 2)}\n`,
  );
  log(
    `Pulled ${Object.keys(files).length} blanks of ${slug} into ${relative(process.cwd(), dir) || "."}. Edit them, then \`sandlot push ${slug}${dirArg ? ` ${dirArg}` : ""}\`.`,
  );
}

export async function push([slug, dirArg], flags, log) {
  const { api } = connect(flags);
  const dir = resolve(dirArg ?? slug);
  let blanks;
  let stored = null;
  const project = join(dir, PROJECT_FILE);
  if (existsSync(project)) {
    stored = JSON.parse(readFileSync(project, "utf8"));
    blanks = stored.blanks;
  }
  blanks ??= (await api.get(`/api/apps/${encodeURIComponent(slug)}/files`)).blanks;
  const files = {};
  for (const b of blanks) {
    const source = safeJoin(dir, b.path);
    if (existsSync(source)) files[b.path] = readFileSync(source, "utf8");
    else log(`  skipped ${b.path} (not in ${dirArg ?? slug}/)`);
  }
  if (Object.keys(files).length === 0)
    throw new ApiFailure(400, "nothing_to_push", `no blank files found in ${dir}; run \`sandlot pull ${slug}\` first`);
  const revision = flags.force ? undefined : stored?.revision;
  if (!revision && !flags.force) log("  (no revision from `sandlot pull` here: saving over whatever is on the server)");
  log(`Pushing ${Object.keys(files).length} blanks to ${slug} …`);
  let saved;
  try {
    saved = await api.put(
      `/api/apps/${encodeURIComponent(slug)}/files`,
      { files },
      revision ? { "if-match": `"${revision}"` } : {},
    );
  } catch (err) {
    if (err instanceof ApiFailure && err.code === "conflict") {
      throw new ApiFailure(
        409,
        "conflict",
        `${err.message} Nothing was saved. Copy your edits aside and \`sandlot pull ${slug}\` to get them, or \`sandlot push ${slug} --force\` to overwrite them.`,
      );
    }
    throw err;
  }
  if (stored && saved?.revision) {
    writeFileSync(project, `${JSON.stringify({ ...stored, revision: saved.revision }, null, 2)}\n`);
  }
  log(`Saved. Publish with \`sandlot publish ${slug}\`.`);
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * The phases of a publish as the server reports them (building, checking, uploading, live): a
 * spinner on the running one when stdout is a terminal, and one line per finished phase with its
 * time either way.
 */
function phasePrinter(log) {
  const tty = process.stdout.isTTY === true;
  let timer = null;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    if (tty) process.stdout.write("\r\x1b[2K");
  };
  return {
    onLine(line) {
      if (line.type !== "phase") return;
      if (line.state === "start") {
        stop();
        if (!tty) return;
        let i = 0;
        timer = setInterval(() => process.stdout.write(`\r${SPINNER[i++ % SPINNER.length]} ${line.phase} …`), 80);
      } else {
        stop();
        log(`  ✓ ${line.phase.padEnd(9)} ${String(line.ms ?? 0).padStart(6)} ms`);
      }
    },
    stop,
  };
}

export async function publish([slug], flags, log) {
  const { api } = connect(flags);
  log(`Publishing ${slug} (the server builds what was last saved) …`);
  const started = Date.now();
  const printer = phasePrinter(log);
  let data;
  try {
    data = await api.stream(`/api/apps/${encodeURIComponent(slug)}/publish`, (line) => printer.onLine(line));
  } finally {
    printer.stop();
  }
  log(`Published version ${data.version} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${data.url}`);
}

export async function versions([slug], flags, log) {
  const { api } = connect(flags);
  const { versions: list } = await api.get(`/api/apps/${encodeURIComponent(slug)}/versions`);
  if (list.length === 0) return log(`${slug} has not been published yet.`);
  for (const v of list)
    log(`${v.current ? "*" : " "} v${String(v.version).padEnd(5)} ${new Date(v.createdAt).toISOString()}`);
}

export async function rollback([slug, version], flags, log) {
  const n = Number(version);
  if (!Number.isInteger(n) || n < 1)
    throw new ApiFailure(400, "usage", `version must be a positive whole number, not "${version}"`);
  const { api } = connect(flags);
  const { data } = await api.post(`/api/apps/${encodeURIComponent(slug)}/rollback`, { version: n });
  log(`${slug} now serves version ${data.version}: ${data.url}`);
}

export { formatProblem };
