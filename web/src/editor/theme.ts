/**
 * The studio's CodeMirror look. Colours are CSS variables (styles.css), so the dark theme that
 * follows the system needs no second CodeMirror theme.
 */
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";

const highlight = HighlightStyle.define([
  { tag: [t.comment, t.lineComment, t.blockComment], class: "tok-comment" },
  { tag: [t.string, t.special(t.string), t.regexp], class: "tok-string" },
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword, t.definitionKeyword], class: "tok-keyword" },
  { tag: [t.number, t.bool, t.null], class: "tok-number" },
  { tag: [t.tagName, t.typeName, t.className], class: "tok-tag" },
  { tag: [t.attributeName, t.propertyName], class: "tok-property" },
  { tag: [t.punctuation, t.bracket, t.angleBracket, t.separator], class: "tok-punct" },
]);

const look = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "var(--code-bg)", color: "var(--ink)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "20px" },
  ".cm-content": { caretColor: "var(--ink)", padding: "12px 0" },
  ".cm-gutters": { backgroundColor: "var(--code-gutter)", color: "var(--muted)", borderRight: "1px solid var(--line)" },
  ".cm-activeLine": { backgroundColor: "var(--code-active)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--code-active)", color: "var(--ink)" },
  "&.cm-focused": { outline: "2px solid color-mix(in srgb, var(--focus) 50%, transparent)", outlineOffset: "-2px" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--code-selection) !important",
  },
  ".cm-cursor": { borderLeftColor: "var(--ink)" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--ink)", border: "1px solid var(--line-2)" },
  ".cm-panels": { backgroundColor: "var(--code-gutter)", color: "var(--ink)" },
});

export const studioTheme: Extension = [look, syntaxHighlighting(highlight)];
