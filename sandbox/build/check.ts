/**
 * The pure checks (T44 paths, I9 locked files, T01 secrets), usable without esbuild so the
 * platform can re-check on save. build() runs them too.
 */
import type { BuildProblem, TemplateSource } from "./types";
import { checkFilePath } from "./paths";
import { scanSecrets, secretMessage } from "./secrets";

export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;

export interface CheckFilesInput {
  template: TemplateSource;
  /** The app's files: normally only blanks; other paths must equal the template's content. */
  files: Record<string, string>;
  /** Largest single source file, in UTF-8 bytes. Default 512 KiB. */
  maxFileBytes?: number;
}

export interface CheckFilesResult {
  problems: BuildProblem[];
  /** The app's files that passed the path, lock and size checks (secrets do not remove a file). */
  accepted: Map<string, string>;
}

/** Position of the first difference between two strings, 1-based. */
export function firstDifference(a: string, b: string): { line: number; column: number } {
  const n = Math.min(a.length, b.length);
  let line = 1;
  let col = 1;
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return { line, column: col };
    if (a.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

const encoder = new TextEncoder();

export function blankPaths(template: TemplateSource): Set<string> {
  return new Set(template.manifest.blanks.map((b) => b.path));
}

/** Run the checks and also return the accepted files (used by build()). */
export function checkFilesDetailed(input: CheckFilesInput): CheckFilesResult {
  const { template, files } = input;
  const maxFileBytes = input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const blanks = blankPaths(template);
  const problems: BuildProblem[] = [];
  const accepted = new Map<string, string>();
  const at = (file: string, code: BuildProblem["code"], message: string, line = 1, column = 1): void => {
    problems.push({ file, line, column, message, code });
  };

  for (const [rawPath, content] of Object.entries(files)) {
    const shown = JSON.stringify(rawPath).slice(1, -1).slice(0, 120);
    const path = checkFilePath(rawPath);
    if (!path.ok) {
      at(shown, "bad_path", `${path.reason}`);
      continue;
    }
    if (typeof content !== "string") {
      at(rawPath, "bad_path", "file content must be text");
      continue;
    }
    const bytes = encoder.encode(content).length;
    if (bytes > maxFileBytes) {
      at(
        rawPath,
        "too_large",
        `file is ${Math.ceil(bytes / 1024)} KiB; the limit per file is ${Math.floor(maxFileBytes / 1024)} KiB`,
      );
      continue;
    }
    const isBlank = blanks.has(rawPath);
    const templateContent = Object.hasOwn(template.files, rawPath) ? template.files[rawPath] : undefined;
    if (!isBlank) {
      if (templateContent === undefined) {
        at(
          rawPath,
          "unknown_blank",
          `${rawPath} is not a blank of template "${template.manifest.id}"; only blanks can be added or changed (blanks: ${[...blanks].join(", ")})`,
        );
        continue;
      }
      if (content !== templateContent) {
        const d = firstDifference(content, templateContent);
        at(
          rawPath,
          "locked_file",
          `${rawPath} is a locked template file and cannot be changed (first difference at line ${d.line})`,
          d.line,
          d.column,
        );
        continue;
      }
    }
    for (const hit of scanSecrets(content)) at(rawPath, "secret", secretMessage(hit), hit.line, hit.column);
    accepted.set(rawPath, content);
  }
  return { problems: sortProblems(problems), accepted };
}

/** The pure checks: paths (T44), locked and unknown files (I9), per-file size, secrets (T01). */
export function checkFiles(input: CheckFilesInput): BuildProblem[] {
  return checkFilesDetailed(input).problems;
}

export function sortProblems(problems: BuildProblem[]): BuildProblem[] {
  const seen = new Set<string>();
  const out: BuildProblem[] = [];
  for (const p of problems) {
    const key = `${p.file}\0${p.line}\0${p.column}\0${p.code}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
