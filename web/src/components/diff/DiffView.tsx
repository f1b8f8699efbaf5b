/**
 * Two versions of one file, side by side on wide screens and unified on narrow ones, read-only,
 * with optional accept/reject buttons. Used for unsaved-vs-saved, version-vs-draft before a
 * rollback, and the AI assistant's proposals. File content only ever reaches CodeMirror as text
 * (never markup), so a diff cannot inject HTML into the studio (T27).
 */
import { MergeView, unifiedMergeView } from "@codemirror/merge";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, lineNumbers } from "@codemirror/view";
import { type JSX, useEffect, useMemo, useRef, useState } from "react";
import { languageFor } from "../../editor/language";
import { studioTheme } from "../../editor/theme";
import { describeDiff, diffSummary } from "./diff-model";

export interface DiffViewProps {
  path: string;
  before: string;
  after: string;
  onAccept?: () => void;
  onReject?: () => void;
  acceptLabel?: string;
  rejectLabel?: string;
}

const NARROW = "(max-width: 760px)";

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const mq = window.matchMedia(NARROW);
    const onChange = (): void => setNarrow(mq.matches);
    mq.addEventListener("change", onChange);
    return () => mq.removeEventListener("change", onChange);
  }, []);
  return narrow;
}

function readOnly(path: string, label: string): Extension {
  return [
    lineNumbers(),
    languageFor(path),
    studioTheme,
    EditorState.readOnly.of(true),
    EditorView.editable.of(false),
    EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
  ];
}

const collapse = { margin: 3, minSize: 6 };

export function DiffView(props: DiffViewProps): JSX.Element {
  const { path, before, after, onAccept, onReject, acceptLabel, rejectLabel } = props;
  const host = useRef<HTMLDivElement>(null);
  const narrow = useNarrow();
  const summary = useMemo(() => describeDiff(diffSummary(before, after)), [before, after]);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    if (narrow) {
      const view = new EditorView({
        parent,
        state: EditorState.create({
          doc: after,
          extensions: [
            readOnly(path, `Changes to ${path}`),
            unifiedMergeView({ original: before, mergeControls: false, collapseUnchanged: collapse }),
          ],
        }),
      });
      return () => view.destroy();
    }
    const view = new MergeView({
      parent,
      a: { doc: before, extensions: readOnly(path, `${path} before`) },
      b: { doc: after, extensions: readOnly(path, `${path} after`) },
      collapseUnchanged: collapse,
      gutter: true,
    });
    return () => view.destroy();
  }, [path, before, after, narrow]);

  return (
    <section className="diff-view" aria-label={`Changes to ${path}`} data-testid="diff-view">
      <header className="diff-head">
        <span className="diff-path mono">{path}</span>
        <span className="diff-summary" data-testid="diff-summary">
          {summary}
        </span>
        {(onReject || onAccept) && (
          <span className="diff-actions">
            {onReject && (
              <button type="button" className="btn" onClick={onReject}>
                {rejectLabel ?? "Reject"}
              </button>
            )}
            {onAccept && (
              <button type="button" className="btn btn-primary" onClick={onAccept}>
                {acceptLabel ?? "Accept"}
              </button>
            )}
          </span>
        )}
      </header>
      {!narrow && (
        <div className="diff-sides" aria-hidden="true">
          <span>Before</span>
          <span>After</span>
        </div>
      )}
      <div className={`diff-body ${narrow ? "diff-unified" : "diff-split"}`} ref={host} />
    </section>
  );
}
