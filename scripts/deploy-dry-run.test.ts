import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** `wrangler deploy --dry-run --env production` of one config: the files it would upload. */
function dryRun(config: string): { files: string[]; output: string } {
  const outdir = mkdtempSync(join(tmpdir(), "sandlot-dry-run-"));
  try {
    const result = spawnSync(
      join(root, "node_modules/.bin/wrangler"),
      ["deploy", "-c", config, "--dry-run", "--env", "production", "--outdir", outdir],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" },
        timeout: 240_000,
      },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/--dry-run: exiting now/);
    const files = readdirSync(outdir);
    const bytes = files.reduce((n, f) => n + statSync(join(outdir, f)).size, 0);
    const upload = /Total Upload: ([^\n]+)/.exec(output)?.[1] ?? "n/a";
    console.log(`${config}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB on disk; Total Upload: ${upload}`);
    return { files, output };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe("production deploy", () => {
  it("both Workers bundle offline; only the builder carries esbuild.wasm", () => {
    const builder = dryRun("wrangler.builder.toml");
    expect(builder.files.some((f) => f.endsWith(".wasm"))).toBe(true);
    const platform = dryRun("wrangler.toml");
    expect(platform.files.some((f) => f.endsWith(".js"))).toBe(true);
    // The Worker that serves every app loads no builder (issue 15).
    expect(platform.files.filter((f) => f.endsWith(".wasm"))).toEqual([]);
    expect(platform.output).toMatch(/env\.BUILDER \(sandlot-builder\)/);
  }, 600_000);
});
