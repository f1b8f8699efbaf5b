/** Pure helpers for the app workspace (tested in Node). */

/** Paths whose draft differs from what was last saved. */
export function dirtyPaths(draft: Record<string, string>, saved: Record<string, string>): string[] {
  return Object.keys(draft).filter((p) => draft[p] !== saved[p]);
}

/** "src/blanks/Home.tsx:12 message" — how problems read as text. */
export function problemLabel(p: { file: string; line: number }): string {
  return `${p.file}:${p.line}`;
}

/** The problems of one file, shaped for the editor's inline diagnostics. */
export function problemsFor(
  problems: ReadonlyArray<{ file: string; line: number; column?: number; message: string }>,
  file: string,
): Array<{ line: number; column?: number; message: string; source: string }> {
  return problems
    .filter((p) => p.file === file)
    .map((p) => {
      const out: { line: number; column?: number; message: string; source: string } = {
        line: p.line,
        message: p.message,
        source: "build",
      };
      if (p.column !== undefined) out.column = p.column;
      return out;
    });
}

/** Blanks grouped for the left rail, in manifest order, with a count of problems each. */
export function problemCounts(problems: ReadonlyArray<{ file: string }>): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of problems) m.set(p.file, (m.get(p.file) ?? 0) + 1);
  return m;
}
