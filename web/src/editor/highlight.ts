// biome-ignore-all lint: the hand-made editor is being replaced by CodeMirror (issue #11); not worth polishing
/**
 * A small tokenizer for TSX/JS and CSS, enough to colour the editor. Pure: returns tokens that
 * the editor renders as React text nodes (never HTML), so file content can never become markup.
 */

export type TokenKind = "plain" | "comment" | "string" | "keyword" | "number" | "tag" | "attr" | "punct" | "property";

export interface Token {
  kind: TokenKind;
  text: string;
}

const JS_KEYWORDS = new Set(
  (
    "import export default from as function return const let var if else for while do switch case break continue new " +
    "class extends super this typeof instanceof in of try catch finally throw async await yield type interface enum " +
    "true false null undefined void delete"
  ).split(" "),
);

const JS_RE =
  /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?)|(<\/?[A-Za-z][\w.]*)|(\b\d[\d_]*(?:\.\d+)?\b)|([A-Za-z_$][\w$]*)|([{}()[\];,.<>/=+\-*!?:&|])/g;

const CSS_RE =
  /(\/\*[\s\S]*?(?:\*\/|$))|("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)|(@[\w-]+)|(#[0-9a-fA-F]{3,8}\b|-?\b\d+(?:\.\d+)?(?:px|rem|em|%|vh|vw|s|ms|fr|deg)?\b)|([\w-]+)(?=\s*:)|([{}();:,])/g;

function push(out: Token[], kind: TokenKind, text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

export function tokenize(text: string, path: string): Token[] {
  const css = path.endsWith(".css");
  const re = new RegExp(css ? CSS_RE.source : JS_RE.source, "g");
  const out: Token[] = [];
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0] === "") {
      re.lastIndex++;
      continue;
    }
    push(out, "plain", text.slice(at, m.index));
    if (css) {
      if (m[1]) push(out, "comment", m[0]);
      else if (m[2]) push(out, "string", m[0]);
      else if (m[3]) push(out, "keyword", m[0]);
      else if (m[4]) push(out, "number", m[0]);
      else if (m[5]) push(out, "property", m[0]);
      else push(out, "punct", m[0]);
    } else {
      if (m[1]) push(out, "comment", m[0]);
      else if (m[2]) push(out, "string", m[0]);
      else if (m[3]) push(out, "tag", m[0]);
      else if (m[4]) push(out, "number", m[0]);
      else if (m[5]) push(out, JS_KEYWORDS.has(m[0]) ? "keyword" : /^[A-Z]/.test(m[0]) ? "tag" : "plain", m[0]);
      else push(out, "punct", m[0]);
    }
    at = m.index + m[0].length;
  }
  push(out, "plain", text.slice(at));
  return out;
}
