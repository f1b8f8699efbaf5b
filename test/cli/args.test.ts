import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM without types
import { parseArgs, resolveCommand } from "../../scripts/cli/args.mjs";
// @ts-expect-error plain ESM without types
import { studioUrl } from "../../scripts/cli/config.mjs";
// @ts-expect-error plain ESM without types
import { safeJoin } from "../../scripts/cli/commands.mjs";

describe("sandlot argument parsing", () => {
  it("splits positionals from flags in both --flag value and --flag=value forms", () => {
    expect(parseArgs(["apps", "create", "my-app", "--template", "notes", "--name=My App"])).toEqual({
      ok: true,
      positionals: ["apps", "create", "my-app"],
      flags: { template: "notes", name: "My App" },
    });
    expect(parseArgs(["template", "check", "dir", "--skip-tests"])).toMatchObject({
      ok: true,
      flags: { "skip-tests": true },
    });
  });

  it("refuses unknown options and value flags without a value", () => {
    expect(parseArgs(["publish", "x", "--force-publish"])).toEqual({
      ok: false,
      error: "unknown option --force-publish",
    });
    expect(parseArgs(["login", "--url"])).toEqual({ ok: false, error: "--url needs a value" });
    expect(parseArgs(["login", "--url", "--token", "t"])).toEqual({ ok: false, error: "--url needs a value" });
    expect(parseArgs(["template", "check", "--skip-tests=yes"])).toEqual({
      ok: false,
      error: "--skip-tests takes no value",
    });
  });

  it("resolves one- and two-word commands and checks how many arguments they take", () => {
    expect(resolveCommand(["pull", "my-app"])).toEqual({ ok: true, command: "pull", args: ["my-app"] });
    expect(resolveCommand(["pull", "my-app", "dir"])).toEqual({ ok: true, command: "pull", args: ["my-app", "dir"] });
    expect(resolveCommand(["rollback", "my-app", "3"])).toEqual({
      ok: true,
      command: "rollback",
      args: ["my-app", "3"],
    });
    expect(resolveCommand(["apps", "list"])).toEqual({ ok: true, command: "apps list", args: [] });
    expect(resolveCommand(["rollback", "my-app"])).toMatchObject({
      ok: false,
      error: expect.stringContaining("missing argument"),
    });
    expect(resolveCommand(["publish", "a", "b"])).toMatchObject({
      ok: false,
      error: expect.stringContaining("too many"),
    });
    expect(resolveCommand(["apps"])).toMatchObject({ ok: false, error: expect.stringContaining("create, list") });
    expect(resolveCommand(["deploy"])).toEqual({ ok: false, error: 'unknown command "deploy"' });
  });

  it("picks the studio URL from --url, then SANDLOT_URL, then the saved config, then local dev", () => {
    expect(
      studioUrl({ url: "http://127.0.0.1:9999/" }, { url: "http://saved:1" }, { SANDLOT_URL: "http://env:2" }),
    ).toBe("http://127.0.0.1:9999");
    expect(studioUrl({}, { url: "http://saved:1" }, { SANDLOT_URL: "http://env:2" })).toBe("http://env:2");
    expect(studioUrl({}, { url: "http://saved:1" }, {})).toBe("http://saved:1");
    expect(studioUrl({}, {}, {})).toBe("http://localhost:8787");
    expect(() => studioUrl({ url: "ftp://x" }, {}, {})).toThrow(/http/);
    expect(() => studioUrl({ url: "not a url" }, {}, {})).toThrow(/not a URL/);
  });

  it("pull never writes outside its directory, whatever the server says (T44)", () => {
    expect(safeJoin("/tmp/app", "src/blanks/Home.tsx")).toBe("/tmp/app/src/blanks/Home.tsx");
    for (const bad of ["../x", "src/../../x", "/etc/passwd", "src//x", "src\\x", "a\u0000b"])
      expect(() => safeJoin("/tmp/app", bad), bad).toThrow(/unsafe|outside/);
  });
});
