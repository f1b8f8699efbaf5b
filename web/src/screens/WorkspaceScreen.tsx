import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { ApiError, type Problem } from "../lib/api";
import { navigate, type WorkspaceTab } from "../lib/router";
import { safeHttpUrl } from "../lib/format";
import { ErrorBanner, Link, Spinner } from "../components/ui";
import { Logo } from "../components/TopNav";
import { useSession } from "../session";
import { invalidate } from "../lib/queries";
import { Menu } from "../components/Menu";
import { EditTab } from "./workspace/EditTab";
import { VersionsMenu } from "./workspace/VersionsMenu";
import { BillingTab } from "./workspace/BillingTab";
import { DataTab } from "./workspace/DataTab";
import { MailTab } from "./workspace/MailTab";
import { SettingsTab } from "./workspace/SettingsTab";
import { useDraft } from "./workspace/useDraft";
import { PublishProgress } from "./workspace/PublishProgress";
import { applyPhase, failRunning, initialPhases, type PhaseState, publishWithPhases } from "../lib/publish-stream";

// The dialog brings CodeMirror's merge view: loaded when a conflict happens.
const ConflictDialog = lazy(() => import("./workspace/ConflictDialog").then((m) => ({ default: m.ConflictDialog })));

type PublishState =
  | { state: "idle" }
  | { state: "busy"; phases: PhaseState[] }
  | { state: "done"; version: number; url: string; phases: PhaseState[] }
  | { state: "problems"; message: string; problems: Problem[]; phases: PhaseState[] };

const TAB_LABELS: Record<WorkspaceTab, string> = {
  edit: "Edit",
  data: "Data",
  billing: "Billing",
  mail: "Mail",
  settings: "Settings",
};

export function WorkspaceScreen({ slug, tab }: { slug: string; tab: WorkspaceTab }) {
  const { creator, signOut } = useSession();
  const [publish, setPublish] = useState<PublishState>({ state: "idle" });
  const {
    loaded,
    loadError,
    load,
    draft,
    edit,
    dirty,
    saving,
    saveError,
    setSaveError,
    savedAt,
    save,
    applySaved,
    resetBlank,
    setApp,
    restorable,
    restoreKept,
    discardKept,
    conflict,
    keepMine,
    takeTheirs,
    closeConflict,
  } = useDraft(slug);
  const [restored, setRestored] = useState<number | null>(null);
  const doPublish = useCallback(async () => {
    if (!loaded) return;
    let phases = initialPhases();
    const update = (next: PhaseState[]): void => {
      phases = next;
      setPublish({ state: "busy", phases });
    };
    update(phases.map((p) => (p.phase === "saving" ? { ...p, state: "running" } : p)));
    const saveStarted = performance.now();
    if (dirty.length > 0 && !(await save())) {
      setPublish({
        state: "problems",
        message: "Saving failed, so nothing was published.",
        problems: [],
        phases: failRunning(phases),
      });
      return;
    }
    const savedMs = Math.round(performance.now() - saveStarted);
    update(phases.map((p) => (p.phase === "saving" ? { ...p, state: "done", ms: savedMs } : p)));
    try {
      const r = await publishWithPhases(slug, (line) => update(applyPhase(phases, line)));
      setPublish({ state: "done", version: r.version, url: r.url, phases });
      setApp((a) => ({ ...a, version: r.version, url: r.url }));
      void invalidate("versions");
      void invalidate("apps");
    } catch (err) {
      const failed = failRunning(phases);
      if (err instanceof ApiError && err.problems.length > 0)
        setPublish({ state: "problems", message: err.message, problems: err.problems, phases: failed });
      else
        setPublish({
          state: "problems",
          message: err instanceof Error ? err.message : String(err),
          problems: [],
          phases: failed,
        });
    }
  }, [dirty.length, loaded, save, setApp, slug]);

  // Ctrl/Cmd+S saves; leaving with unsaved changes asks first.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    if (dirty.length === 0) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [dirty.length]);

  if (loadError) {
    const notFound = loadError instanceof ApiError && loadError.status === 404;
    return (
      <div className="page">
        <main id="main" className="page-main">
          <div className="empty">
            <h1>{notFound ? "App not found" : "This app could not be opened"}</h1>
            <ErrorBanner error={loadError} />
            <div className="row">
              {!notFound && (
                <button type="button" className="btn" onClick={() => void load()}>
                  Try again
                </button>
              )}
              <Link to={{ name: "apps" }} className="btn btn-ghost">
                Back to your apps
              </Link>
            </div>
          </div>
        </main>
      </div>
    );
  }
  if (!loaded) {
    return (
      <div className="center-screen">
        <Spinner label="Opening your app" />
      </div>
    );
  }

  const { app } = loaded;
  const live = app.version !== null ? safeHttpUrl(app.url) : null;
  const publishedUrl = publish.state === "done" ? safeHttpUrl(publish.url) : null;

  return (
    <div className="workspace">
      <header className="ws-top">
        <div className="ws-title">
          <Link to={{ name: "apps" }} className="ws-home" aria-label="All apps">
            <Logo />
          </Link>
          <div className="ws-name">
            <span className="ws-app-name" title={app.name}>
              {app.name}
            </span>
            <span className="ws-app-slug mono">{app.slug}</span>
          </div>
        </div>
        <nav className="ws-tabs" aria-label="App sections">
          {(Object.keys(TAB_LABELS) as WorkspaceTab[]).map((t) => (
            <Link
              key={t}
              to={{ name: "app", slug, tab: t }}
              className="ws-tab"
              aria-current={t === tab ? "page" : undefined}
            >
              {TAB_LABELS[t]}
            </Link>
          ))}
        </nav>
        <div className="ws-actions">
          <span className="save-state" aria-live="polite">
            {saving ? "Saving…" : dirty.length > 0 ? `${dirty.length} unsaved` : savedAt ? "All changes saved" : ""}
          </span>
          <button
            type="button"
            className="btn"
            onClick={() => void save()}
            disabled={saving || dirty.length === 0}
            title="Save (Ctrl+S)"
          >
            Save
          </button>
          <VersionsMenu
            slug={slug}
            draft={draft}
            unsaved={dirty.length}
            onRolledBack={(v) => setApp((a) => ({ ...a, version: v }))}
            onRestored={(version, files, revision) => {
              applySaved(files, revision);
              setRestored(version);
            }}
          />
          {live ? (
            <a className="btn btn-ghost" href={live} target="_blank" rel="noopener noreferrer" data-testid="live-link">
              Open live ↗
            </a>
          ) : null}
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void doPublish()}
            disabled={publish.state === "busy" || saving}
          >
            {publish.state === "busy" ? "Publishing…" : "Publish"}
          </button>
          <Menu
            className="ws-account"
            button={<span aria-hidden="true">{creator.email.charAt(0).toUpperCase()}</span>}
            buttonClassName="avatar"
            label={`Account menu for ${creator.email}`}
            align="right"
            header={<p className="menu-note">{creator.email}</p>}
            entries={[
              { key: "account", label: "Account", onSelect: () => navigate({ name: "settings" }) },
              { key: "signout", label: "Sign out", onSelect: () => void signOut() },
            ]}
          />
        </div>
      </header>
      <div className="ws-banners">
        <ErrorBanner error={saveError} onDismiss={() => setSaveError(null)} />
        {restorable && (
          <div className="banner banner-warn" role="status" data-testid="restore-banner">
            <span>
              You have unsaved edits from {new Date(restorable.at).toLocaleString()} in{" "}
              {Object.keys(restorable.files).length === 1
                ? "1 blank"
                : `${Object.keys(restorable.files).length} blanks`}
              .
            </span>
            <span className="row row-tight">
              <button type="button" className="btn btn-small" onClick={restoreKept}>
                Restore them
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={discardKept}>
                Discard
              </button>
            </span>
          </div>
        )}
        {publish.state === "busy" && (
          <div className="banner banner-info" role="status" aria-live="polite">
            <span>Publishing…</span>
            <PublishProgress phases={publish.phases} />
          </div>
        )}
        {publish.state === "problems" && publish.problems.length === 0 && (
          <div className="banner banner-error" role="alert">
            <span>{publish.message}</span>
            <PublishProgress phases={publish.phases} />
            <button
              type="button"
              className="banner-close"
              onClick={() => setPublish({ state: "idle" })}
              aria-label="Dismiss"
            >
              ×
            </button>
          </div>
        )}
        {restored !== null && (
          <div className="banner banner-success" role="status">
            <span>Version {restored}'s code is back in the editor and saved. Publish to make it live again.</span>
            <button type="button" className="banner-close" onClick={() => setRestored(null)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )}
        {publish.state === "done" && (
          <div className="banner banner-success" role="status">
            <span>
              Published version {publish.version}.{" "}
              {publishedUrl && (
                <a href={publishedUrl} target="_blank" rel="noopener noreferrer">
                  Open your live app ↗
                </a>
              )}
            </span>
            <PublishProgress phases={publish.phases} />
            <button
              type="button"
              className="banner-close"
              onClick={() => setPublish({ state: "idle" })}
              aria-label="Dismiss"
            >
              ×
            </button>
          </div>
        )}
      </div>
      {conflict && (
        <Suspense fallback={null}>
          <ConflictDialog
            conflict={conflict}
            onKeepMine={() => void keepMine()}
            onTakeTheirs={takeTheirs}
            onClose={closeConflict}
          />
        </Suspense>
      )}
      <main id="main" className={`ws-main ws-main-${tab}`} tabIndex={-1}>
        {tab === "edit" && (
          <EditTab
            slug={slug}
            blanks={loaded.blanks}
            draft={draft}
            saved={loaded.saved}
            onChange={edit}
            template={loaded.template}
            templateNote={loaded.templateNote}
            publishProblems={publish.state === "problems" && publish.problems.length > 0 ? publish : null}
            onDismissPublishProblems={() => setPublish({ state: "idle" })}
            onResetBlank={resetBlank}
            templateId={app.template}
            // Saved on the server already (an accept or an undo): both the saved copy and the editor take them.
            onSavedByAssistant={applySaved}
          />
        )}
        {tab === "data" && <DataTab slug={slug} />}
        {tab === "billing" && <BillingTab slug={slug} />}
        {tab === "mail" && <MailTab slug={slug} />}
        {tab === "settings" && <SettingsTab app={app} onRenamed={(next) => setApp(() => next)} />}
      </main>
    </div>
  );
}
