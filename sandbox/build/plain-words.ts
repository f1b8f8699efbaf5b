/**
 * esbuild's messages rewritten for people who do not write code, where we know better. A
 * missing closing tag is reported by esbuild where the parser noticed (a later line, often
 * several times); the person needs the line the tag OPENS on. The rewritten problem points there.
 */

export interface PlainProblem {
  /** 1-based line the person should look at. */
  line: number;
  column: number;
  message: string;
}

interface Note {
  text: string;
  location: { line: number; column: number } | null;
}

const MISMATCH = /^Unexpected closing "([^"]+)" tag does not match opening "([^"]+)" tag$/;
const EOF_BEFORE = /^Unexpected end of file before a closing "([^"]+)" tag$/;

/** A plainer problem for an esbuild message, or null to keep esbuild's words. */
export function plainProblem(text: string, line: number, notes: readonly Note[]): PlainProblem | null {
  const opened = notes.find((n) => /^The opening "[^"]+" tag is here:$/.test(n.text) && n.location)?.location;
  const mismatch = MISMATCH.exec(text);
  if (mismatch && opened) {
    const [, closing, opening] = mismatch;
    return {
      line: opened.line,
      column: opened.column + 1,
      message: `The <${opening}> that opens on line ${opened.line} is never closed: add </${opening}> before the </${closing}> on line ${line}.`,
    };
  }
  const eof = EOF_BEFORE.exec(text);
  if (eof && opened) {
    return {
      line: opened.line,
      column: opened.column + 1,
      message: `The <${eof[1]}> that opens on line ${opened.line} is never closed: add </${eof[1]}> where it should end.`,
    };
  }
  return null;
}

const UNCLOSED = /^The <[^>]+> that opens on line \d+ is never closed: add <\/[^>]+> before /;

/**
 * One unclosed tag makes esbuild report every later tag and brace of the file as wrong too
 * (four errors for one missing </h1>). Where a file has such a problem, its other syntax errors
 * are that problem's echoes: only the unclosed tag is kept, so the list leads with the cause.
 */
export function dropEchoes<P extends { file: string; code: string; message: string }>(problems: P[]): P[] {
  const causes = new Set(problems.filter((p) => p.code === "syntax" && UNCLOSED.test(p.message)).map((p) => p.file));
  return problems.filter((p) => !causes.has(p.file) || p.code !== "syntax" || UNCLOSED.test(p.message));
}
