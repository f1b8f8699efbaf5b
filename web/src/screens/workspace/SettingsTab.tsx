import { useId, useState, type FormEvent } from "react";
import { api, type AppSummary, type StudioTypes } from "../../lib/api";
import { invalidate } from "../../lib/queries";
import { safeHttpUrl } from "../../lib/format";
import { TokensPanel } from "../../components/TokensPanel";
import { DeleteAppPanel } from "./DeleteAppPanel";
import { DomainPanel } from "./DomainPanel";
import { ExportPanel } from "./ExportPanel";
import { SignInProvidersPanel } from "./SignInProvidersPanel";
import { ErrorBanner, Notice } from "../../components/ui";

export function SettingsTab({ app, onRenamed }: { app: AppSummary; onRenamed(app: AppSummary): void }) {
  const url = safeHttpUrl(app.url);
  return (
    <div className="tab-page stack">
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">
            About this app, how its users sign in, its custom domain, exporting and importing it, tokens for the
            command-line tool, and deleting the app.
          </p>
        </div>
      </div>
      <section className="card panel">
        <h2>This app</h2>
        <RenameForm app={app} onRenamed={onRenamed} />
        <dl className="kv">
          <dt>Web address</dt>
          <dd className="mono">
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {url}
              </a>
            ) : (
              app.slug
            )}{" "}
            <span className="muted small">(the address cannot be changed)</span>
          </dd>
          <dt>Template</dt>
          <dd>{app.template}</dd>
          <dt>Live version</dt>
          <dd>{app.version ? `v${String(app.version)}` : "not published yet"}</dd>
        </dl>
      </section>
      <SignInProvidersPanel app={app} />
      <DomainPanel app={app} />
      <ExportPanel app={app} />
      <TokensPanel />
      <DeleteAppPanel app={app} />
    </div>
  );
}

/** The app's name: shown in its header, its browser tab and every mail it sends, from the next page load on. */
function RenameForm({ app, onRenamed }: { app: AppSummary; onRenamed(app: AppSummary): void }) {
  const ids = useId();
  const [name, setName] = useState(app.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent): Promise<void> {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const r = await api<StudioTypes["app"]>("PATCH", `/api/apps/${encodeURIComponent(app.slug)}`, { name });
      onRenamed(r.app);
      void invalidate("apps");
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="stack" onSubmit={submit} aria-label="App name">
      <div className="field">
        <label htmlFor={`${ids}-name`}>Name</label>
        <input
          id={`${ids}-name`}
          aria-describedby={`${ids}-hint`}
          name="app-name"
          value={name}
          maxLength={80}
          required
          onChange={(e) => {
            setName(e.target.value);
            setSaved(false);
          }}
        />
        <small className="muted" id={`${ids}-hint`}>
          Shown in your app's header, its browser tab and the emails it sends.
        </small>
      </div>
      <div className="row">
        <button type="submit" className="btn" disabled={busy || name.trim() === app.name}>
          {busy ? "Saving…" : "Save name"}
        </button>
      </div>
      {saved && <Notice tone="success">Saved. Your app now goes by “{app.name}”.</Notice>}
      <ErrorBanner error={error} />
    </form>
  );
}
