// The `sandlot` CLI as a creator runs it, for the e2e tests: a real process against the platform
// this run started, in a folder of the test's own with its own config file (never the user's),
// stdout not a TTY.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../scripts/sandlot.mjs", import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { url: string; token: string; home: string }): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: options.home,
        env: {
          ...process.env,
          SANDLOT_CONFIG: join(options.home, "config.json"),
          SANDLOT_URL: options.url,
          SANDLOT_TOKEN: options.token,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
