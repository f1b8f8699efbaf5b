// Makes sure the browser the e2e tests drive exists: $CHROMIUM_PATH or Debian's /usr/bin/chromium.
// Missing and running as root on a machine with apt (a fresh Debian CI box): installs Debian's
// `chromium` package, the way `playwright install --with-deps` installs its dependencies with apt.
// Missing otherwise: prints the one command to run and exits 1. Playwright's own browser download
// is never used (it fails on these machines; TOOLCHAIN.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const hasApt = () => existsSync("/usr/bin/apt-get");
const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** @returns {{ ok: true, installed: boolean } | { ok: false, message: string }} */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return { ok: true, installed: false };
  if (process.env.CHROMIUM_PATH) {
    return {
      ok: false,
      message: `CHROMIUM_PATH=${CHROMIUM} does not exist. Point it at a Chromium binary, or unset it to use /usr/bin/chromium.`,
    };
  }
  if (!hasApt()) {
    return {
      ok: false,
      message: "Chromium is missing. Install Chromium and run again with CHROMIUM_PATH=/path/to/chromium.",
    };
  }
  const command = "apt-get update && apt-get install -y chromium";
  if (!isRoot()) return { ok: false, message: `Chromium is missing. Run: sudo sh -c '${command}'` };
  console.log(`• Chromium is missing; installing Debian's package: ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const r = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (r.status !== 0)
      return { ok: false, message: `apt-get ${args.join(" ")} failed (exit ${r.status ?? r.signal}). Run: ${command}` };
  }
  if (!existsSync(CHROMIUM))
    return { ok: false, message: `apt-get installed chromium but ${CHROMIUM} is still missing.` };
  return { ok: true, installed: true };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = ensureChromium();
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
  console.log(`• Chromium: ${CHROMIUM}${result.installed ? " (just installed)" : ""}`);
}
