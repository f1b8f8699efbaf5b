// Where `sandlot login` keeps the studio URL and API token: $SANDLOT_CONFIG or
// ~/.config/sandlot/config.json, written with mode 0600 because the token is a credential.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export const DEFAULT_URL = "http://localhost:8787";

export function configPath(env = process.env) {
  return env.SANDLOT_CONFIG || join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "sandlot", "config.json");
}

/** @returns {{ url?: string, token?: string }} */
export function readConfig(path = configPath()) {
  if (!existsSync(path)) return {};
  try {
    const value = JSON.parse(readFileSync(path, "utf8"));
    return typeof value === "object" && value !== null ? value : {};
  } catch {
    throw new Error(`${path} is not valid JSON; delete it and run \`sandlot login\` again`);
  }
}

export function writeConfig(config, path = configPath()) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its old mode otherwise
}

export function removeConfig(path = configPath()) {
  rmSync(path, { force: true });
}

/** The studio URL: --url, then $SANDLOT_URL, then the saved one, then local dev. No trailing slash. */
export function studioUrl(flags, config, env = process.env) {
  const raw = flags.url || env.SANDLOT_URL || config.url || DEFAULT_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`"${raw}" is not a URL (expected something like ${DEFAULT_URL})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`"${raw}" must start with http:// or https://`);
  return url.origin;
}
