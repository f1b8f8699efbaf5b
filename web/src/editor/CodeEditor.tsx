/**
 * The blank editor: CodeMirror 6 with TSX/CSS, bracket matching, search/replace, the usual keymap,
 * and one EditorState per file kept across file switches, so undo survives them. Tab indents; as
 * CodeMirror does by default, Escape then Tab leaves the editor (keyboard users are never trapped). Problems arrive as lint diagnostics.
 * File content only ever reaches CodeMirror as text, never as markup (T27).
 */
import { indentWithTab } from "@codemirror/commands";
import { forceLinting, linter } from "@codemirror/lint";
import { Compartment, EditorSelection, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { type JSX, useEffect, useRef, useState } from "react";
import { languageFor } from "./language";
import { studioTheme } from "./theme";
import { toDiagnostics, type EditorProblem } from "./diagnostics";
import type { TypeAssist } from "./ts/assist";
import { assistExtension } from "./ts/cm-assist";

export interface JumpTarget {
  line: number;
  column?: number;
  /** Bump to jump again to the same place. */
  seq: number;
}

interface Props {
  id: string;
  value: string;
  path: string;
  label: string;
  describedBy?: string;
  onChange(value: string): void;
  jump?: JumpTarget | null;
  problems?: readonly EditorProblem[];
  /** Type-aware completion, hover and type errors (the TypeScript worker); loaded on first use. */
  assist?: TypeAssist | null;
}

interface Caret {
  line: number;
  column: number;
}

function caretOf(state: EditorState): Caret {
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  return { line: line.number, column: head - line.from + 1 };
}

export function CodeEditor({
  id,
  value,
  path,
  label,
  describedBy,
  onChange,
  jump,
  problems,
  assist,
}: Props): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const states = useRef(new Map<string, EditorState>());
  const shownPath = useRef(path);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [caret, setCaret] = useState<Caret>({ line: 1, column: 1 });
  const attrs = useRef(new Compartment());
  const problemsRef = useRef(problems ?? []);
  problemsRef.current = problems ?? [];
  const assistRef = useRef(assist ?? null);
  assistRef.current = assist ?? null;

  const createState = (doc: string, forPath: string): EditorState =>
    EditorState.create({
      doc,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        languageFor(forPath),
        studioTheme,
        assist ? assistExtension(assist, forPath) : [],
        // Builder problems (given) and type errors (from the worker) as one set of inline marks.
        linter(
          async (v) => {
            const text = v.state.doc.toString();
            const build = toDiagnostics(v.state.doc, problemsRef.current);
            const types = await (assistRef.current?.diagnostics(forPath, text) ?? Promise.resolve([]));
            return v.state.doc.toString() === text ? [...build, ...types] : build;
          },
          { delay: 400 },
        ),
        attrs.current.of(contentAttributes(id, label, describedBy)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          if (u.docChanged || u.selectionSet) setCaret(caretOf(u.state));
        }),
      ],
    });

  // Mount once; file switches swap states on the same view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is created once; later props arrive through effects below
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const v = new EditorView({ parent, state: createState(value, path) });
    view.current = v;
    shownPath.current = path;
    setCaret(caretOf(v.state));
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // A different file: keep the current state (its undo history) and show the other one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per file switch; value is read at that moment
  useEffect(() => {
    const v = view.current;
    if (!v || shownPath.current === path) return;
    states.current.set(shownPath.current, v.state);
    const kept = states.current.get(path);
    v.setState(kept ?? createState(value, path));
    shownPath.current = path;
    setCaret(caretOf(v.state));
  }, [path]);

  // The draft changed outside the editor (a restore, a conflict resolution): take it as one
  // undoable change rather than a new state.
  useEffect(() => {
    const v = view.current;
    if (!v || shownPath.current !== path) return;
    const current = v.state.doc.toString();
    if (current !== value) v.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value, path]);

  useEffect(() => {
    view.current?.dispatch({ effects: attrs.current.reconfigure(contentAttributes(id, label, describedBy)) });
  }, [id, label, describedBy]);

  // New problems (a build finished): lint again now rather than at the next keystroke.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the linter reads problems through problemsRef
  useEffect(() => {
    const v = view.current;
    if (v) forceLinting(v);
  }, [problems]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: jumps only when the target's seq changes
  useEffect(() => {
    const v = view.current;
    if (!jump || !v) return;
    const doc = v.state.doc;
    const line = doc.line(Math.min(Math.max(1, jump.line), doc.lines));
    const col = Math.min(Math.max(0, (jump.column ?? 1) - 1), line.length);
    v.dispatch({ selection: EditorSelection.cursor(line.from + col), scrollIntoView: true });
    v.focus();
  }, [jump?.seq]);

  return (
    <div className="code-editor">
      <div className="code-editor-body" id={id} ref={host} data-path={path} />
      <div className="code-status" aria-live="off">
        <span data-testid="caret">
          Ln {caret.line}, Col {caret.column}
        </span>
        <span className="code-status-hint">Tab indents · Esc then Tab leaves the editor · Ctrl+F finds</span>
      </div>
    </div>
  );
}

function contentAttributes(id: string, label: string, describedBy: string | undefined): Extension {
  const a: Record<string, string> = { "aria-label": label, "data-editor-for": id };
  if (describedBy) a["aria-describedby"] = describedBy;
  return EditorView.contentAttributes.of(a);
}
