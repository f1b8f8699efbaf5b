import { buildOnServer } from "../publish/server-build";
import { checkEdits, MAX_SOURCES_BYTES, type SourceProblem, sourcesBytes } from "../publish/sources";
import type { Env } from "../env";
import type { Template } from "../templates/registry";

/**
 * A proposal gets exactly the checks a creator's own save and a publish get: the save's checks on
 * the written blanks (paths, locked files, size, secrets), the total size cap, then the real
 * server build of the draft with the proposal applied (import allowlist, syntax, secrets in the
 * output, bundle size). Problems carry file and line, for the repair round and the studio.
 */
const MAX_KIB = MAX_SOURCES_BYTES / 1024;

export async function checkProposal(
  env: Env,
  template: Template,
  draft: Readonly<Record<string, string>>,
  written: Readonly<Record<string, string>>,
): Promise<SourceProblem[]> {
  const problems = checkEdits(template, { ...written });
  if (problems.length > 0) return problems;
  const merged = { ...draft, ...written };
  const bytes = sourcesBytes(merged);
  if (bytes > MAX_SOURCES_BYTES)
    return [
      {
        file: Object.keys(written)[0] ?? "",
        line: 1,
        column: 1,
        code: "too_large",
        message: `all blanks together would be ${Math.ceil(bytes / 1024)} KiB; the limit is ${MAX_KIB} KiB`,
      },
    ];
  const built = await buildOnServer(env, template, merged);
  return built.ok ? [] : built.problems;
}
