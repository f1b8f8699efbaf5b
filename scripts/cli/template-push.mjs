// `sandlot template push <dir>`: installs a template into a running local (development) platform,
// so its author can create an app from it at once. Production refuses it: there, templates are
// part of the deploy (docs/templates.md, T58).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { connect } from "./commands.mjs";
import { ApiFailure, formatProblem } from "./http.mjs";
import { checkTemplate } from "./template.mjs";

function templateFiles(root) {
  const files = {};
  const walk = (d) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      if (ent.name === "node_modules" || ent.name.startsWith(".")) continue;
      const p = join(d, ent.name);
      const rel = relative(root, p).split("\\").join("/");
      if (ent.isDirectory()) walk(p);
      else if (rel === "index.html" || rel.startsWith("src/")) files[rel] = readFileSync(p, "utf8");
    }
  };
  walk(root);
  return files;
}

export async function templatePush([dir], flags, log) {
  const root = resolve(dir);
  // The same checks as `template check` (tests aside), so problems print here with file:line.
  log(`Checking ${dir} before pushing …`);
  const { problems } = await checkTemplate(dir, { runTests: false, log: () => undefined });
  if (problems.length > 0) {
    throw new ApiFailure(
      400,
      "check_failed",
      `${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was pushed. ${problems.map(formatProblem).join("\n")}`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(root, "template.json"), "utf8"));
  const { url, api } = connect(flags);
  try {
    const { data } = await api.post("/api/dev/templates", { manifest, files: templateFiles(root) });
    log(
      `${data.replaced ? "Replaced" : "Installed"} template ${data.template.id} in ${url}. Create an app from it: ` +
        `\`sandlot apps create <slug> --template ${data.template.id}\` (or pick it in the studio).`,
    );
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 404)
      throw new ApiFailure(
        404,
        "not_development",
        `${url} does not take pushed templates: only a platform running in development does. In production, templates are part of the deploy.`,
      );
    throw err;
  }
}
