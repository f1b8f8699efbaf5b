/** Pure helpers for the app workspace (tested in Node). */

/** Paths whose draft differs from what was last saved. */
export function dirtyPaths(draft: Record<string, string>, saved: Record<string, string>): string[] {
  return Object.keys(draft).filter((p) => draft[p] !== saved[p]);
}

/** "src/blanks/Home.tsx:12 message" — how problems read as text. */
export function problemLabel(p: { file: string; line: number }): string {
  return `${p.file}:${p.line}`;
}

/** Lines of `file` that have problems. */
export function problemLinesFor(problems: ReadonlyArray<{ file: string; line: number }>, file: string): Set<number> {
  return new Set(problems.filter((p) => p.file === file).map((p) => p.line));
}

/** Blanks grouped for the left rail, in manifest order, with a count of problems each. */
export function problemCounts(problems: ReadonlyArray<{ file: string }>): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of problems) m.set(p.file, (m.get(p.file) ?? 0) + 1);
  return m;
}
