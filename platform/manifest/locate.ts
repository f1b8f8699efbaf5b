/**
 * Where a value sits in a JSON text, so manifest errors can be shown as template.json:line.
 * A small tolerant scanner (no dependency): walks objects and arrays, tracking line and column,
 * and returns the position of the value at `path` (or of the deepest ancestor found).
 */
export interface JsonPosition {
  line: number;
  column: number;
}

export function locateJsonPath(text: string, path: ReadonlyArray<string | number | symbol>): JsonPosition {
  let i = 0;
  const posOf = (at: number): JsonPosition => {
    let line = 1;
    let last = -1;
    for (let k = 0; k < at && k < text.length; k++)
      if (text.charCodeAt(k) === 10) {
        line++;
        last = k;
      }
    return { line, column: at - last };
  };
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return text.slice(start + 1, i - 1);
    }
  };
  const skip = (): void => {
    ws();
    const ch = text[i];
    if (ch === '"') return void str();
    if (ch === "{" || ch === "[") {
      const close = ch === "{" ? "}" : "]";
      i++;
      for (;;) {
        ws();
        if (i >= text.length) return;
        if (text[i] === close) return void i++;
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (close === "}") {
          ws();
          if (text[i] === '"') str();
          ws();
          if (text[i] === ":") i++;
        }
        skip();
      }
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  };
  // Descend one segment at a time; `at` is the start of the current value.
  ws();
  let at = i;
  for (const seg of path) {
    i = at;
    ws();
    const ch = text[i];
    let found = -1;
    if (ch === "{" && typeof seg !== "symbol") {
      i++;
      for (;;) {
        ws();
        if (i >= text.length || text[i] === "}") break;
        if (text[i] === ",") {
          i++;
          continue;
        }
        const keyAt = i;
        const key = text[i] === '"' ? str() : "";
        ws();
        if (text[i] === ":") i++;
        ws();
        if (key === String(seg)) {
          found = i;
          // Point at the key for scalars, so the line shows the field name.
          if (text[i] !== "{" && text[i] !== "[") found = keyAt;
          break;
        }
        skip();
      }
    } else if (ch === "[" && typeof seg === "number") {
      i++;
      let n = 0;
      for (;;) {
        ws();
        if (i >= text.length || text[i] === "]") break;
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (n === seg) {
          found = i;
          break;
        }
        skip();
        n++;
      }
    }
    if (found < 0) break;
    at = found;
  }
  return posOf(at);
}
