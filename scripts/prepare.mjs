// Everything the Worker and the tests need generated before they run: the template bundle, the
// shared React vendor files, the studio frontend, and .dev.vars. Idempotent; fast when done.
import { copyFile, readFile, writeFile, access } from "node:fs/promises";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { generateTemplates } from "./gen-templates.mjs";
import { bin, mustRun, root } from "./lib.mjs";

const generated = (name) =>
  name === "STRIPE_WEBHOOK_SECRET"
    ? `whsec_${randomBytes(24).toString("base64url")}`
    : randomBytes(32).toString("base64url");

export async function ensureDevVars() {
  const target = join(root, ".dev.vars");
  const example = await readFile(join(root, ".dev.vars.example"), "utf8");
  try {
    await access(target);
  } catch {
    const filled = example.replace(/^([A-Z_]+)=GENERATE$/gm, (_m, name) => `${name}=${generated(name)}`);
    await writeFile(target, filled, { mode: 0o600 });
    return true;
  }
  // A secret the example gained since this .dev.vars was made (e.g. OAUTH_SECRETS_KEY) is added once.
  const current = await readFile(target, "utf8");
  const missing = [...example.matchAll(/^([A-Z_]+)=GENERATE$/gm)]
    .map((m) => m[1])
    .filter((name) => !new RegExp(`^\\s*${name}\\s*=`, "m").test(current));
  if (missing.length > 0) {
    const added = missing.map((name) => `${name}=${generated(name)}`).join("\n");
    await writeFile(target, `${current.replace(/\n*$/, "\n")}${added}\n`, { mode: 0o600 });
    console.log(`• added ${missing.join(", ")} to .dev.vars`);
  }
  return false;
}

export async function prepare(options = { web: "build" }) {
  const t = await generateTemplates();
  console.log(`• templates bundled: ${t.templates.join(", ") || "(none)"}`);
  if (existsSync(join(root, "scripts", "build-vendor.mjs"))) {
    await mustRun(process.execPath, [join(root, "scripts", "build-vendor.mjs")]);
  }
  if (options.web === "build" && existsSync(join(root, "web", "vite.config.ts"))) {
    await mustRun(bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);
  } else if (!existsSync(join(root, "web", "dist", "index.html"))) {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(root, "web", "dist"), { recursive: true });
    await copyFile(join(root, "web", "index.html"), join(root, "web", "dist", "index.html")).catch(() =>
      writeFile(join(root, "web", "dist", "index.html"), "<!doctype html><title>Sandlot</title>"),
    );
  }
  if (await ensureDevVars()) console.log("• created .dev.vars from .dev.vars.example with fresh secrets");
}

/** What the Worker imports but git does not hold (each is generated here). */
export const GENERATED = ["platform/templates/bundle.gen.ts", "sandbox/vendor/dist/files.ts"];

function newestMtime(dir) {
  let newest = 0;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The generated files that are missing under `base`, or older than the sources they are made from
 * (the SDK and the kit for the vendor files), so a test run after a kit edit never uses a stale copy.
 */
export function staleGenerated(base = root) {
  return GENERATED.filter((rel) => {
    const file = join(base, rel);
    if (!existsSync(file)) return true;
    if (!rel.startsWith("sandbox/vendor/")) return false;
    const made = statSync(file).mtimeMs;
    return ["sandbox/sdk", "sandbox/kit"].some((d) => existsSync(join(base, d)) && newestMtime(join(base, d)) > made);
  });
}

/**
 * What the workerd tests need before the Worker is bundled (vitest.config.ts globalSetup): the
 * templates bundle, always regenerated (cheap, and a template edit must reach the next run), and
 * the vendor files when missing or stale. The studio frontend is not needed by tests.
 */
export async function ensureGenerated() {
  const stale = staleGenerated();
  await generateTemplates();
  if (stale.includes("sandbox/vendor/dist/files.ts"))
    await mustRun(process.execPath, [join(root, "scripts", "build-vendor.mjs")]);
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepare({ web: process.argv.includes("--no-web") ? "skip" : "build" });
}
