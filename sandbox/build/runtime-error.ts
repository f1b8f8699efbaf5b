import { originalPositionFor } from "./sourcemap";
import { displayPath } from "./vfs-plugin";

/**
 * A runtime error in the preview, named the way the creator sees their code: `blank:line`. The
 * preview runs one script made of the build's JS files joined with "\n"; each part remembers the
 * line it starts on and its source map, so a (line, column) of the joined script maps back.
 */

export interface ScriptPart {
  /** 1-based line of the joined script where this file begins. */
  startLine: number;
  map: string;
}

export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

/** Where the joined script's (line, column), both 1-based, came from; null when no map covers it. */
export function placeInSource(parts: readonly ScriptPart[], line: number, column: number): SourcePlace | null {
  let part: ScriptPart | undefined;
  for (const p of parts) if (p.startLine <= line && (!part || p.startLine > part.startLine)) part = p;
  if (!part) return null;
  const orig = originalPositionFor(part.map, line - part.startLine + 1, column);
  return orig ? { file: displayPath(orig.source), line: orig.line, column: orig.column } : null;
}

/** The first `blob:` frame of an error stack (the app's own script in the preview), as 1-based line and column. */
export function firstScriptFrame(stack: string): { line: number; column: number } | null {
  const m = /blob:[^\s)]*?:(\d+):(\d+)/.exec(stack);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}
