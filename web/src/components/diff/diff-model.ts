/** What a diff amounts to, in lines: the summary DiffView reads out above the two versions. */
import { Chunk } from "@codemirror/merge";
import { Text } from "@codemirror/state";

export interface DiffSummary {
  /** Runs of changed lines. */
  chunks: number;
  /** Lines only in `before` (removed or replaced). */
  removed: number;
  /** Lines only in `after` (added or replacements). */
  added: number;
}

function linesIn(doc: Text, from: number, to: number, end: number): number {
  if (from === to) return 0;
  return doc.lineAt(end).number - doc.lineAt(from).number + 1;
}

export function diffSummary(before: string, after: string): DiffSummary {
  const a = Text.of(before.split("\n"));
  const b = Text.of(after.split("\n"));
  const chunks = Chunk.build(a, b);
  let removed = 0;
  let added = 0;
  for (const c of chunks) {
    removed += linesIn(a, c.fromA, c.toA, c.endA);
    added += linesIn(b, c.fromB, c.toB, c.endB);
  }
  return { chunks: chunks.length, removed, added };
}

/** "2 lines added, 1 removed" / "No changes". */
export function describeDiff(s: DiffSummary): string {
  if (s.chunks === 0) return "No changes";
  const lines = (n: number): string => `${n} ${n === 1 ? "line" : "lines"}`;
  if (s.removed === 0) return `${lines(s.added)} added`;
  if (s.added === 0) return `${lines(s.removed)} removed`;
  return `${lines(s.added)} added, ${s.removed} removed`;
}
