/** Which CodeMirror language a blank's path gets: TSX for scripts, CSS for styles, plain text otherwise. */
import { css } from "@codemirror/lang-css";
import { javascript } from "@codemirror/lang-javascript";
import type { Extension } from "@codemirror/state";

export type LanguageName = "tsx" | "css" | "text";

export function languageNameFor(path: string): LanguageName {
  if (/\.(tsx?|jsx?|mjs|cjs)$/i.test(path)) return "tsx";
  if (/\.css$/i.test(path)) return "css";
  return "text";
}

export function languageFor(path: string): Extension {
  switch (languageNameFor(path)) {
    case "tsx":
      // JSX text is parsed as JSX, so an apostrophe in `you're` never opens a string.
      return javascript({ jsx: true, typescript: true });
    case "css":
      return css();
    case "text":
      return [];
  }
}
