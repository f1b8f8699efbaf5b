// Everything the Worker and the tests need generated before they run: the template bundle, the
// shared React vendor files, the studio frontend, and .dev.vars. Idempotent; fast when done.
import { copyFile, readFile, writeFile, access } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { generateTemplates } from "./gen-templates.mjs";
import { bin, mustRun, root } from "./lib.mjs";

export async function ensureDevVars() {
  const target = join(root, ".dev.vars");
  try {
    await access(target);
    return false;
  } catch {
    const example = await readFile(join(root, ".dev.vars.example"), "utf8");
    const filled = example.replace(/^([A-Z_]+)=GENERATE$/gm, (_m, name) => {
      const value =
        name === "STRIPE_WEBHOOK_SECRET"
          ? `whsec_${randomBytes(24).toString("base64url")}`
          : randomBytes(32).toString("base64url");
      return `${name}=${value}`;
    });
    await writeFile(target, filled, { mode: 0o600 });
    return true;
  }
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

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepare({ web: process.argv.includes("--no-web") ? "skip" : "build" });
}
