import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("production deploy", () => {
  it("`wrangler deploy --dry-run --env production` bundles offline", () => {
    const outdir = mkdtempSync(join(tmpdir(), "sandlot-dry-run-"));
    try {
      const result = spawnSync(
        join(root, "node_modules/.bin/wrangler"),
        ["deploy", "--dry-run", "--env", "production", "--outdir", outdir],
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
      console.log(
        `worker bundle: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB on disk; wrangler reports Total Upload: ${upload}`,
      );
      expect(files.some((f) => f.endsWith(".js"))).toBe(true);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 300_000);
});
