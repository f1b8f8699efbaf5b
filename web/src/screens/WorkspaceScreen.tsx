import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError, type AppSummary, type Blank, type Problem, type StudioTypes } from "../lib/api";
import { navigate, type WorkspaceTab } from "../lib/router";
import { dirtyPaths } from "../lib/workspace";
import { dropEdits, keepEdits, keptEdits, type KeptEdits } from "../lib/unsaved";
import { safeHttpUrl } from "../lib/format";
import { ErrorBanner, Link, Spinner } from "../components/ui";
import { Logo } from "../components/TopNav";
import { useSession } from "../session";
import { invalidate } from "../lib/queries";
import { Menu } from "../components/Menu";
import { loadTemplate } from "../preview/template-source";
import type { TemplatePayload } from "../preview/worker-protocol";
import { EditTab } from "./workspace/EditTab";
import { VersionsMenu } from "./workspace/VersionsMenu";
import { BillingTab } from "./workspace/BillingTab";
import { DataTab } from "./workspace/DataTab";
import { MailTab } from "./workspace/MailTab";
import { SettingsTab } from "./workspace/SettingsTab";
import type { Conflict } from "./workspace/ConflictDialog";
import { PublishProgress } from "./workspace/PublishProgress";
import { applyPhase, failRunning, initialPhases, type PhaseState, publishWithPhases } from "../lib/publish-stream";

// The dialog brings CodeMirror's merge view: loaded when a conflict happens.
const ConflictDialog = lazy(() => import("./workspace/ConflictDialog").then((m) => ({ default: m.ConflictDialog })));

interface Loaded {
  app: AppSummary;
  blanks: Blank[];
  saved: Record<string, string>;
  /** The draft revision `saved` is; saves send it as If-Match. */
  revision: string;
  template: TemplatePayload | null;
  templateNote: string | null;
}

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
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [publish, setPublish] = useState<PublishState>({ state: "idle" });
  const [restorable, setRestorable] = useState<KeptEdits | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      // `files` holds exactly the template's blanks (saved content or the template's default).
      const [{ app }, { files: saved, blanks, revision }] = await Promise.all([
        api<StudioTypes["app"]>("GET", `/api/apps/${encodeURIComponent(slug)}`),
        api<StudioTypes["files"]>("GET", `/api/apps/${encodeURIComponent(slug)}/files`),
      ]);
      // Without the template the blanks can still be edited, saved and published (the server
      // builds); only the live preview needs it, so its failure is shown there.
      let template: TemplatePayload | null = null;
      let templateNote: string | null = null;
      try {
        template = await loadTemplate(app.template);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        templateNote = `The template could not be loaded, so there is no live preview. ${reason} Reload to try again.`;
      }
      setLoaded({ app, blanks, saved, revision, template, templateNote });
      setDraft(saved);
      // Edits this browser kept but never saved (a reload, a crash): offered back, not applied.
      setRestorable(keptEdits(window.localStorage, slug, saved));
    } catch (err) {
      setLoadError(err);
    }
  }, [slug]);

  useEffect(() => {
    void load();
  }, [load]);

  const dirty = useMemo(() => (loaded ? dirtyPaths(draft, loaded.saved) : []), [draft, loaded]);

  // Every change is kept in this browser until it is saved (lib/unsaved.ts). While an offer to
  // restore is open, nothing is written, so the kept edits cannot be replaced before the choice.
  useEffect(() => {
    if (!loaded || restorable) return;
    const t = window.setTimeout(() => keepEdits(window.localStorage, slug, draft, loaded.saved, Date.now()), 250);
    return () => window.clearTimeout(t);
  }, [draft, loaded, restorable, slug]);

  const filesUrl = `/api/apps/${encodeURIComponent(slug)}/files`;

  /** Sends only the blanks that differ from `saved`, on `revision`; a stale revision opens the conflict dialog. */
  const saveOn = useCallback(
    async (files: Record<string, string>, revision: string): Promise<boolean> => {
      setSaving(true);
      setSaveError(null);
      try {
        const r = await api<StudioTypes["savedFiles"]>(
          "PUT",
          filesUrl,
          { files },
          {
            headers: { "If-Match": `"${revision}"` },
          },
        );
        setLoaded((l) => (l ? { ...l, saved: r.files, revision: r.revision } : l));
        setSavedAt(Date.now());
        return true;
      } catch (err) {
        if (!(err instanceof ApiError && err.code === "conflict")) {
          setSaveError(err);
          return false;
        }
        // Saved elsewhere since this tab read the draft: read it again and compare.
        const fresh = await api<StudioTypes["files"]>("GET", filesUrl).catch((e: unknown) => {
          setSaveError(e);
          return null;
        });
        if (!fresh) return false;
        const base = loaded?.saved ?? {};
        const paths = Object.keys(files).filter((p) => fresh.files[p] !== base[p] && fresh.files[p] !== files[p]);
        // Blanks changed only there are taken as they are; this tab's unchanged blanks follow them.
        setLoaded((l) => (l ? { ...l, saved: fresh.files, revision: fresh.revision } : l));
        setDraft((d) => {
          const next = { ...d };
          for (const [p, content] of Object.entries(fresh.files)) if (d[p] === base[p]) next[p] = content;
          return next;
        });
        if (paths.length === 0) return saveOn(files, fresh.revision);
        setConflict({ paths, theirs: fresh.files, mine: files });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [filesUrl, loaded?.saved],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (!loaded) return false;
    const changed: Record<string, string> = {};
    for (const p of dirtyPaths(draft, loaded.saved)) changed[p] = draft[p] ?? "";
    if (Object.keys(changed).length === 0) return true;
    // The kept copy in this browser is dropped by the effect above once draft and saved agree.
    return saveOn(changed, loaded.revision);
  }, [draft, loaded, saveOn]);

  const keepMine = useCallback(async () => {
    if (!conflict || !loaded) return;
    setConflict(null);
    await saveOn(conflict.mine, loaded.revision);
  }, [conflict, loaded, saveOn]);

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    setDraft((d) => {
      const next = { ...d };
      for (const p of conflict.paths) next[p] = conflict.theirs[p] ?? "";
      return next;
    });
    setConflict(null);
  }, [conflict]);

  const [restored, setRestored] = useState<number | null>(null);
  const resetBlank = useCallback(
    async (path: string): Promise<void> => {
      try {
        const r = await api<StudioTypes["savedFiles"]>("POST", `/api/apps/${encodeURIComponent(slug)}/files/reset`, {
          path,
        });
        const content = r.files[path] ?? "";
        setLoaded((l) => (l ? { ...l, saved: { ...l.saved, [path]: content }, revision: r.revision } : l));
        setDraft((d) => ({ ...d, [path]: content }));
        setSavedAt(Date.now());
      } catch (err) {
        setSaveError(err);
      }
    },
    [slug],
  );

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
      setLoaded((l) => (l ? { ...l, app: { ...l.app, version: r.version, url: r.url } } : l));
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
  }, [dirty.length, loaded, save, slug]);

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
            onRolledBack={(v) => setLoaded((l) => (l ? { ...l, app: { ...l.app, version: v } } : l))}
            onRestored={(version, files, revision) => {
              setLoaded((l) => (l ? { ...l, saved: files, revision } : l));
              setDraft(files);
              setSavedAt(Date.now());
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
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setDraft((d) => ({ ...d, ...restorable.files }));
                  setRestorable(null);
                }}
              >
                Restore them
              </button>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                onClick={() => {
                  dropEdits(window.localStorage, slug);
                  setRestorable(null);
                }}
              >
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
            onClose={() => setConflict(null)}
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
            onChange={(path, content) => setDraft((d) => ({ ...d, [path]: content }))}
            template={loaded.template}
            templateNote={loaded.templateNote}
            publishProblems={publish.state === "problems" && publish.problems.length > 0 ? publish : null}
            onDismissPublishProblems={() => setPublish({ state: "idle" })}
            onResetBlank={resetBlank}
            templateId={app.template}
            onSavedByAssistant={(files, revision) => {
              // Saved on the server already: both the saved copy and the editor's take them.
              setLoaded((l) => (l ? { ...l, saved: { ...l.saved, ...files }, revision } : l));
              setDraft((d) => ({ ...d, ...files }));
            }}
          />
        )}
        {tab === "data" && <DataTab slug={slug} />}
        {tab === "billing" && <BillingTab slug={slug} />}
        {tab === "mail" && <MailTab slug={slug} />}
        {tab === "settings" && (
          <SettingsTab app={app} onRenamed={(next) => setLoaded((l) => (l ? { ...l, app: next } : l))} />
        )}
      </main>
    </div>
  );
}
