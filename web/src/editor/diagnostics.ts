/** Problems (file:line[:column], from the builder or the type checker) as CodeMirror lint diagnostics. */
import type { Diagnostic } from "@codemirror/lint";
import type { Text } from "@codemirror/state";

export interface EditorProblem {
  line: number;
  column?: number;
  message: string;
  severity?: "error" | "warning";
  source?: string;
}

/**
 * Lines past the end are clamped to the last one (the builder can point at a line the creator has
 * since deleted); a problem without a column marks its whole line, one with a column marks from
 * there to the end of the word.
 */
export function toDiagnostics(doc: Text, problems: readonly EditorProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(1, Math.floor(p.line) || 1), doc.lines));
    let from = line.from;
    let to = line.to;
    if (p.column !== undefined && p.column >= 1) {
      from = Math.min(line.from + Math.floor(p.column) - 1, line.to);
      const rest = line.text.slice(from - line.from);
      const word = /^[\w$]+/.exec(rest);
      to = from + (word ? word[0].length : Math.min(1, rest.length));
    }
    const d: Diagnostic = { from, to, severity: p.severity ?? "error", message: p.message };
    if (p.source) d.source = p.source;
    return d;
  });
}
