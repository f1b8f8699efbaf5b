import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, ApiError, type AppSummary, type Blank, type Problem, type StudioTypes } from "../lib/api";
import { navigate, type WorkspaceTab } from "../lib/router";
import { dirtyPaths } from "../lib/workspace";
import { safeHttpUrl } from "../lib/format";
import { ErrorBanner, Link, Spinner } from "../components/ui";
import { Logo } from "../components/TopNav";
import { useSession } from "../session";
import { useDismissableDetails } from "../components/useDismiss";
import { loadTemplate } from "../preview/template-source";
import type { TemplatePayload } from "../preview/worker-protocol";
import { EditTab } from "./workspace/EditTab";
import { VersionsMenu } from "./workspace/VersionsMenu";
import { BillingTab } from "./workspace/BillingTab";
import { MailTab } from "./workspace/MailTab";
import { SettingsTab } from "./workspace/SettingsTab";

interface Loaded {
  app: AppSummary;
  blanks: Blank[];
  saved: Record<string, string>;
  template: TemplatePayload | null;
  templateNote: string | null;
}

type PublishState =
  | { state: "idle" }
  | { state: "busy" }
  | { state: "done"; version: number; url: string }
  | { state: "problems"; message: string; problems: Problem[] };

const TAB_LABELS: Record<WorkspaceTab, string> = {
  edit: "Edit",
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
  const [versionsKey, setVersionsKey] = useState(0);
  const accountMenu = useRef<HTMLDetailsElement>(null);
  useDismissableDetails(accountMenu);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      // `files` holds exactly the template's blanks (saved content or the template's default).
      const [{ app }, { files: saved, blanks }] = await Promise.all([
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
      setLoaded({ app, blanks, saved, template, templateNote });
      setDraft(saved);
    } catch (err) {
      setLoadError(err);
    }
  }, [slug]);

  useEffect(() => {
    void load();
  }, [load]);

  const dirty = useMemo(() => (loaded ? dirtyPaths(draft, loaded.saved) : []), [draft, loaded]);

  const save = useCallback(async (): Promise<boolean> => {
    if (!loaded) return false;
    setSaving(true);
    setSaveError(null);
    const snapshot = { ...draft };
    try {
      await api("PUT", `/api/apps/${encodeURIComponent(slug)}/files`, { files: snapshot });
      setLoaded((l) => (l ? { ...l, saved: snapshot } : l));
      setSavedAt(Date.now());
      return true;
    } catch (err) {
      setSaveError(err);
      return false;
    } finally {
      setSaving(false);
    }
  }, [draft, loaded, slug]);

  const doPublish = useCallback(async () => {
    if (!loaded) return;
    if (dirty.length > 0 && !(await save())) return;
    setPublish({ state: "busy" });
    try {
      const r = await api<StudioTypes["published"]>("POST", `/api/apps/${encodeURIComponent(slug)}/publish`);
      setPublish({ state: "done", version: r.version, url: r.url });
      setLoaded((l) => (l ? { ...l, app: { ...l.app, version: r.version, url: r.url } } : l));
      setVersionsKey((k) => k + 1);
    } catch (err) {
      if (err instanceof ApiError && err.problems.length > 0)
        setPublish({ state: "problems", message: err.message, problems: err.problems });
      else setPublish({ state: "problems", message: err instanceof Error ? err.message : String(err), problems: [] });
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
            refreshKey={versionsKey}
            onRolledBack={(v) => {
              setLoaded((l) => (l ? { ...l, app: { ...l.app, version: v } } : l));
              setVersionsKey((k) => k + 1);
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
          <details className="menu ws-account" ref={accountMenu}>
            <summary className="avatar" aria-label={`Account menu for ${creator.email}`}>
              {creator.email.charAt(0).toUpperCase()}
            </summary>
            <div className="menu-panel menu-panel-right">
              <p className="menu-note">{creator.email}</p>
              <button type="button" className="menu-item" onClick={() => navigate({ name: "settings" })}>
                Account
              </button>
              <button type="button" className="menu-item" onClick={() => void signOut()}>
                Sign out
              </button>
            </div>
          </details>
        </div>
      </header>
      <div className="ws-banners">
        <ErrorBanner error={saveError} onDismiss={() => setSaveError(null)} />
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
            publishProblems={publish.state === "problems" ? publish : null}
            onDismissPublishProblems={() => setPublish({ state: "idle" })}
            templateId={app.template}
            onSavedByAssistant={(files) => {
              // Saved on the server already: both the saved copy and the editor's take them.
              setLoaded((l) => (l ? { ...l, saved: { ...l.saved, ...files } } : l));
              setDraft((d) => ({ ...d, ...files }));
            }}
          />
        )}
        {tab === "billing" && <BillingTab slug={slug} />}
        {tab === "mail" && <MailTab slug={slug} />}
        {tab === "settings" && <SettingsTab app={app} />}
      </main>
    </div>
  );
}
