import { checkEdits } from "../publish/sources";
import type { Template } from "../templates/registry";

/**
 * The one rule for where the assistant may write (I9): a plain path naming one of the template's
 * blanks. Locked files, paths outside the app and unknown names are refused with the same words
 * a creator's own save gets (publish/sources.ts `checkEdits`).
 */
export type BlankPathCheck = { ok: true } | { ok: false; reason: string };

const PATH_CODES = new Set(["bad_path", "locked_file", "unknown_blank"]);

export function checkBlankPath(template: Template, path: string): BlankPathCheck {
  if (typeof path !== "string" || path.length === 0 || path.length > 300)
    return { ok: false, reason: "the path must be one of the blanks listed in the instructions" };
  const problem = checkEdits(template, { [path]: "" }).find((p) => PATH_CODES.has(p.code));
  return problem ? { ok: false, reason: problem.message } : { ok: true };
}
