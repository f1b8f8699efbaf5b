// biome-ignore-all lint: the hand-made editor is being replaced by CodeMirror (issue #11); not worth polishing
/**
 * A textarea-based code editor: monospace, line numbers, a highlighted layer underneath,
 * Tab/Shift+Tab indentation, auto-indent on Enter, Escape to release Tab for focus navigation.
 * The highlight layer is React text (never HTML), so file content never becomes markup (T27).
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { tokenize } from "./highlight";
import { indent, lineCount, lineRange, newline, outdent, positionOf, type EditState } from "./textops";

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
  problemLines?: ReadonlySet<number>;
}

const LINE_HEIGHT = 20;

export function CodeEditor({ id, value, path, label, describedBy, onChange, jump, problemLines }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  const layer = useRef<HTMLPreElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const pendingSelection = useRef<{ start: number; end: number } | null>(null);
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  // After Escape, Tab moves focus (keyboard users must never be trapped).
  const [tabMovesFocus, setTabMovesFocus] = useState(false);

  const lines = lineCount(value);
  const tokens = useMemo(() => tokenize(value, path), [value, path]);

  useLayoutEffect(() => {
    const sel = pendingSelection.current;
    const el = area.current;
    if (sel && el) {
      el.setSelectionRange(sel.start, sel.end);
      pendingSelection.current = null;
    }
  });

  useEffect(() => {
    if (!jump || !area.current) return;
    const el = area.current;
    const { start, end } = lineRange(value, jump.line);
    const col = Math.min(Math.max(0, (jump.column ?? 1) - 1), end - start);
    el.focus();
    el.setSelectionRange(start + col, start + col === end ? end : start + col);
    el.scrollTop = Math.max(0, (jump.line - 4) * LINE_HEIGHT);
    setCaret({ line: jump.line, column: col + 1 });
    // value is read at jump time only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jump?.seq]);

  const syncScroll = () => {
    const el = area.current;
    if (!el) return;
    if (layer.current) {
      layer.current.scrollTop = el.scrollTop;
      layer.current.scrollLeft = el.scrollLeft;
    }
    if (gutter.current) gutter.current.scrollTop = el.scrollTop;
  };

  const apply = (next: EditState) => {
    pendingSelection.current = { start: next.start, end: next.end };
    onChange(next.text);
    setCaret(positionOf(next.text, next.start));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    const state: EditState = { text: el.value, start: el.selectionStart, end: el.selectionEnd };
    if (e.key === "Escape") {
      setTabMovesFocus(true);
      return;
    }
    if (tabMovesFocus && e.key !== "Tab" && e.key !== "Shift") setTabMovesFocus(false);
    if (e.key === "Tab" && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (tabMovesFocus) return;
      e.preventDefault();
      apply(e.shiftKey ? outdent(state) : indent(state));
      return;
    }
    if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      apply(newline(state));
    }
  };

  const updateCaret = () => {
    const el = area.current;
    if (el) setCaret(positionOf(el.value, el.selectionStart));
  };

  const numbers = useMemo(() => {
    const out = [];
    for (let i = 1; i <= lines; i++) {
      out.push(
        <div
          key={i}
          className={`gutter-line${i === caret.line ? " is-current" : ""}${problemLines?.has(i) ? " has-problem" : ""}`}
        >
          {i}
        </div>,
      );
    }
    return out;
  }, [lines, caret.line, problemLines]);

  return (
    <div className="code-editor">
      <div className="code-editor-body">
        <div className="code-gutter" ref={gutter} aria-hidden="true">
          {numbers}
          <div style={{ height: 40 }} />
        </div>
        <div className="code-surface">
          <pre className="code-layer" ref={layer} aria-hidden="true">
            <code>
              {tokens.map((t, i) =>
                t.kind === "plain" ? (
                  t.text
                ) : (
                  <span key={i} className={`tok-${t.kind}`}>
                    {t.text}
                  </span>
                ),
              )}
              {"\n\n"}
            </code>
          </pre>
          <textarea
            id={id}
            ref={area}
            className="code-input"
            value={value}
            aria-label={label}
            aria-describedby={describedBy}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            autoComplete="off"
            wrap="off"
            onChange={(e) => {
              onChange(e.target.value);
              setCaret(positionOf(e.target.value, e.target.selectionStart));
            }}
            onKeyDown={onKeyDown}
            onKeyUp={updateCaret}
            onClick={updateCaret}
            onSelect={updateCaret}
            onScroll={syncScroll}
            onFocus={() => setTabMovesFocus(false)}
          />
        </div>
      </div>
      <div className="code-status" aria-live="off">
        <span>
          Ln {caret.line}, Col {caret.column}
        </span>
        <span className="code-status-hint">
          {tabMovesFocus
            ? "Tab moves focus — click or type to indent again"
            : "Tab indents · Esc then Tab leaves the editor"}
        </span>
      </div>
    </div>
  );
}
