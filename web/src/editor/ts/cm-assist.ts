/** The TypeScript worker's help as CodeMirror extensions: completion and hover for one file. */
import type { CompletionContext, CompletionResult } from "@codemirror/autocomplete";
import { EditorState, type Extension } from "@codemirror/state";
import { hoverTooltip } from "@codemirror/view";
import { isTypeScriptPath, type TypeAssist } from "./assist";

const KIND: Record<string, string> = {
  function: "function",
  method: "method",
  property: "property",
  var: "variable",
  let: "variable",
  const: "constant",
  "local var": "variable",
  parameter: "variable",
  class: "class",
  interface: "interface",
  type: "type",
  keyword: "keyword",
  module: "namespace",
  enum: "enum",
  string: "text",
};

export function assistExtension(assist: TypeAssist, path: string): Extension {
  if (!isTypeScriptPath(path)) return [];
  const complete = async (ctx: CompletionContext): Promise<CompletionResult | null> => {
    const word = ctx.matchBefore(/[\w$]+/);
    const afterDot = ctx.matchBefore(/\.\s*$/);
    if (!word && !afterDot && !ctx.explicit) return null;
    const first = word ? word.text.charAt(0).toLowerCase() : "";
    const items = await assist.completions(path, ctx.pos, ctx.state.doc.toString());
    if (ctx.aborted) return null;
    return {
      from: word ? word.from : ctx.pos,
      options: items.map((i) => ({
        label: i.label,
        type: KIND[i.kind] ?? "variable",
        ...(i.source ? { detail: `from ${i.source}` } : {}),
      })),
      // The worker narrowed the list by the word's first letter, so it holds while that letter does.
      validFor: (typed: string) => /^[\w$]+$/.test(typed) && typed.charAt(0).toLowerCase() === first,
    };
  };
  return [
    EditorState.languageData.of(() => [{ autocomplete: complete }]),
    hoverTooltip(async (view, pos) => {
      const res = await assist.hover(path, pos, view.state.doc.toString());
      if (!res) return null;
      return {
        pos: res.from,
        end: res.to,
        above: true,
        create: () => {
          const dom = document.createElement("div");
          dom.className = "cm-type-hover";
          // Text, never markup: types can quote the creator's own strings (T27).
          dom.textContent = res.text;
          return { dom };
        },
      };
    }),
  ];
}
