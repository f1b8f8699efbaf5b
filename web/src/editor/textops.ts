/**
 * The code editor's text operations, as pure functions over (text, selection) so they are
 * testable without a DOM. The component applies the result to its <textarea>.
 */

export const INDENT = "  ";

export interface EditState {
  text: string;
  start: number;
  end: number;
}

function lineStartAt(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

/** Tab: insert an indent at the caret, or indent every line the selection touches. */
export function indent(s: EditState): EditState {
  const { text, start, end } = s;
  if (start === end || !text.slice(start, end).includes("\n")) {
    const next = text.slice(0, start) + INDENT + text.slice(end);
    const caret = start + INDENT.length;
    return { text: next, start: caret, end: caret };
  }
  const from = lineStartAt(text, start);
  // A selection ending at column 0 does not include that last line.
  const to = end > from && text[end - 1] === "\n" ? end - 1 : end;
  const block = text.slice(from, to);
  const lines = block.split("\n");
  const indented = lines.map((l) => INDENT + l).join("\n");
  return {
    text: text.slice(0, from) + indented + text.slice(to),
    start: start + INDENT.length,
    end: end + INDENT.length * lines.length,
  };
}

/** Shift+Tab: remove up to one indent from every line the selection touches. */
export function outdent(s: EditState): EditState {
  const { text, start, end } = s;
  const from = lineStartAt(text, start);
  const to = end > from && text[end - 1] === "\n" && end !== start ? end - 1 : end;
  const lines = text.slice(from, to).split("\n");
  let removedFirst = 0;
  let removedTotal = 0;
  const out = lines.map((l, i) => {
    let n = 0;
    if (l.startsWith(INDENT)) n = INDENT.length;
    else if (l.startsWith("\t") || l.startsWith(" ")) n = 1;
    if (i === 0) removedFirst = n;
    removedTotal += n;
    return l.slice(n);
  });
  const newStart = Math.max(from, start - removedFirst);
  const newEnd = start === end ? newStart : Math.max(newStart, end - removedTotal);
  return { text: text.slice(0, from) + out.join("\n") + text.slice(to), start: newStart, end: newEnd };
}

const OPENERS: Record<string, string> = { "{": "}", "(": ")", "[": "]" };

/** Enter: new line keeping the current indent; one more after an opener, split a {} pair. */
export function newline(s: EditState): EditState {
  const { text, start, end } = s;
  const from = lineStartAt(text, start);
  const current = text.slice(from, start);
  const lead = /^[ \t]*/.exec(current)?.[0] ?? "";
  const before = text.slice(0, start).trimEnd().slice(-1);
  const after = text.slice(end, end + 1);
  const opens = before in OPENERS || /<[A-Za-z][^<>]*[^/]>$/.test(text.slice(from, start).trimEnd());
  if (opens && OPENERS[before] === after) {
    const inner = lead + INDENT;
    const insert = `\n${inner}\n${lead}`;
    return {
      text: text.slice(0, start) + insert + text.slice(end),
      start: start + 1 + inner.length,
      end: start + 1 + inner.length,
    };
  }
  const insert = `\n${lead}${opens ? INDENT : ""}`;
  return {
    text: text.slice(0, start) + insert + text.slice(end),
    start: start + insert.length,
    end: start + insert.length,
  };
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  const stop = Math.min(offset, text.length);
  for (let i = 0; i < stop; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: stop - last };
}

/** Offsets of a 1-based line (clamped to the text). */
export function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) break;
    start = nl + 1;
  }
  const nl = text.indexOf("\n", start);
  return { start, end: nl < 0 ? text.length : nl };
}

export function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
