import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState } from "react";
import { createTypeAssist } from "../../editor/ts/assist";
import type { Blank, Problem } from "../../lib/api";
import { problemCounts, problemsFor } from "../../lib/workspace";
import type { JumpTarget } from "../../editor/CodeEditor";
import { Spinner } from "../../components/ui";
import { type TabItem, TabList } from "../../components/Tabs";

// CodeMirror is its own chunk: the rest of the studio paints without it.
const CompareDialog = lazy(() => import("./CompareDialog").then((m) => ({ default: m.CompareDialog })));
const CodeEditor = lazy(() => import("../../editor/CodeEditor").then((m) => ({ default: m.CodeEditor })));
import { PreviewPane } from "./PreviewPane";
import { ProblemList } from "./ProblemList";
import type { TemplatePayload } from "../../preview/worker-protocol";
import { usePreviewBuild } from "../../preview/usePreviewBuild";
import { AssistantPane } from "../../ai/AssistantPane";

interface Props {
  slug: string;
  blanks: Blank[];
  draft: Record<string, string>;
  saved: Record<string, string>;
  onChange(path: string, content: string): void;
  template: TemplatePayload | null;
  templateNote: string | null;
  publishProblems: { message: string; problems: Problem[] } | null;
  onDismissPublishProblems(): void;
  /** Puts one blank back to the template's own content (saved on the server). */
  onResetBlank(path: string): Promise<void>;
  templateId: string;
  /** Blanks the assistant's accept (or its undo) saved into the draft. */
  onSavedByAssistant(files: Record<string, string>, revision: string): void;
}

type Pane = "blanks" | "assistant" | "code" | "preview";
type Middle = "assistant" | "code";

const PANES: ReadonlyArray<TabItem<Pane>> = [
  { id: "blanks", label: "Blanks" },
  { id: "assistant", label: "Assistant" },
  { id: "code", label: "Code" },
  { id: "preview", label: "Preview" },
];
const MIDDLES: ReadonlyArray<TabItem<Middle>> = [
  { id: "assistant", label: "Assistant" },
  { id: "code", label: "Code" },
];

export function EditTab({
  slug,
  blanks,
  draft,
  saved,
  onChange,
  template,
  templateNote,
  publishProblems,
  onDismissPublishProblems,
  onResetBlank,
  templateId,
  onSavedByAssistant,
}: Props) {
  const ids = useId().replace(/:/g, "");
  const [confirmReset, setConfirmReset] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>(() => blanks[0]?.path ?? "");
  const [jump, setJump] = useState<JumpTarget | null>(null);
  const [pane, setPane] = useState<Pane>("assistant");
  // Wide screens show the assistant or the code in the middle column; phones show one pane at a time.
  const [middle, setMiddle] = useState<Middle>("assistant");
  const show = (p: Pane): void => {
    setPane(p);
    if (p === "assistant" || p === "code") setMiddle(p);
  };
  const [rebuild, setRebuild] = useState(0);
  const [comparing, setComparing] = useState(false);
  const build = usePreviewBuild(template, draft, rebuild);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  // The TypeScript worker starts on the editor's first request for help, not here.
  const assist = useMemo(() => (template ? createTypeAssist(template, () => draftRef.current) : null), [template]);
  useEffect(() => () => assist?.dispose(), [assist]);

  const buildProblems: Problem[] = build.status === "failed" ? build.problems : [];
  const allProblems = useMemo(() => {
    const seen = new Set<string>();
    return [...(publishProblems?.problems ?? []), ...buildProblems].filter((p) => {
      const key = `${p.file}\0${p.line}\0${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }, [publishProblems, buildProblems]);
  const counts = useMemo(() => problemCounts(allProblems), [allProblems]);
  const fileProblems = useMemo(() => problemsFor(allProblems, selected), [allProblems, selected]);
  const blank = blanks.find((b) => b.path === selected);
  const blankPaths = useMemo(() => new Set(blanks.map((b) => b.path)), [blanks]);

  useEffect(() => {
    if (!blanks.some((b) => b.path === selected) && blanks[0]) setSelected(blanks[0].path);
  }, [blanks, selected]);

  const goTo = (p: { file: string; line: number; column?: number }) => {
    if (!blankPaths.has(p.file)) return;
    setSelected(p.file);
    show("code");
    setJump((j) => {
      const next: JumpTarget = { line: p.line, seq: (j?.seq ?? 0) + 1 };
      if (p.column !== undefined) next.column = p.column;
      return next;
    });
  };

  return (
    <div className="edit" data-pane={pane}>
      <TabList
        idBase={`${ids}-pane`}
        label="Workspace panes"
        className="pane-switch"
        tabClassName="pane-switch-btn"
        tabs={PANES}
        selected={pane}
        onSelect={show}
      />

      <nav className="blanks" aria-label="Blanks to fill">
        <h2 className="rail-title">Blanks</h2>
        <p className="rail-note">The parts of your app you can change. Everything else is built in.</p>
        <ul>
          {blanks.map((b) => {
            const n = counts.get(b.path) ?? 0;
            const changed = draft[b.path] !== saved[b.path];
            return (
              <li key={b.path}>
                <button
                  type="button"
                  className="blank-item"
                  aria-current={b.path === selected ? "true" : undefined}
                  onClick={() => {
                    setSelected(b.path);
                    show("code");
                  }}
                >
                  <span className="blank-title">
                    {b.title}
                    {changed && (
                      <span className="dot" title="Unsaved changes" role="img" aria-label="unsaved changes" />
                    )}
                    {n > 0 && <span className="badge badge-bad">{n}</span>}
                  </span>
                  <span className="blank-purpose">{b.purpose}</span>
                  <span className="blank-path mono">{b.path}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>

      <div className="middle">
        <TabList
          idBase={`${ids}-middle`}
          label="Assistant or code"
          className="middle-switch"
          tabClassName="middle-switch-btn"
          tabs={MIDDLES}
          selected={middle}
          onSelect={show}
        />
        <AssistantPane
          hidden={middle !== "assistant"}
          slug={slug}
          templateId={templateId}
          blank={selected || undefined}
          saved={saved}
          dirty={new Set(blanks.map((b) => b.path).filter((path) => draft[path] !== saved[path]))}
          onSaved={onSavedByAssistant}
          onOpen={(path) => {
            setSelected(path);
            show("code");
          }}
        />
        <section className="editor-pane" aria-label="Editor" hidden={middle !== "code"}>
          {blank ? (
            <>
              <div className="editor-head">
                <div>
                  <h2 className="editor-title">{blank.title}</h2>
                  <p className="editor-purpose" id="blank-purpose">
                    {blank.purpose}
                  </p>
                </div>
                <span className="editor-head-side">
                  <span className="editor-path mono">{blank.path}</span>
                  {draft[blank.path] !== saved[blank.path] && (
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setComparing(true)}>
                      Compare with saved
                    </button>
                  )}
                  {confirmReset === blank.path ? (
                    <>
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => void onResetBlank(blank.path).then(() => setConfirmReset(null))}
                      >
                        Replace with the template's version
                      </button>
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirmReset(null)}>
                        Keep mine
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small btn-ghost"
                      title="Start this blank over from the template"
                      onClick={() => setConfirmReset(blank.path)}
                    >
                      Reset blank
                    </button>
                  )}
                </span>
              </div>
              {comparing && (
                <Suspense fallback={null}>
                  <CompareDialog
                    path={blank.path}
                    saved={saved[blank.path] ?? ""}
                    draft={draft[blank.path] ?? ""}
                    onDiscard={() => {
                      onChange(blank.path, saved[blank.path] ?? "");
                      setComparing(false);
                    }}
                    onClose={() => setComparing(false)}
                  />
                </Suspense>
              )}
              <Suspense fallback={<Spinner label="Opening the editor" />}>
                <CodeEditor
                  id="code-editor"
                  value={draft[blank.path] ?? ""}
                  path={blank.path}
                  label={`Code for ${blank.title} (${blank.path})`}
                  describedBy="blank-purpose"
                  onChange={(v) => onChange(blank.path, v)}
                  jump={jump}
                  problems={fileProblems}
                  assist={assist}
                />
              </Suspense>
            </>
          ) : (
            <div className="empty empty-small">
              <p>This template has no blanks.</p>
            </div>
          )}
          {publishProblems && (
            <ProblemList
              title="Publishing stopped"
              message={publishProblems.message}
              problems={publishProblems.problems}
              isJumpable={(f) => blankPaths.has(f)}
              onJump={goTo}
              onDismiss={onDismissPublishProblems}
              testId="publish-problems"
            />
          )}
        </section>
      </div>

      <PreviewPane
        slug={slug}
        build={build}
        note={templateNote}
        onJump={goTo}
        isJumpable={(f) => blankPaths.has(f)}
        onRebuild={() => setRebuild((n) => n + 1)}
      />
    </div>
  );
}
