import type { AppSummary } from "../../lib/api";
import { safeHttpUrl } from "../../lib/format";
import { TokensPanel } from "../../components/TokensPanel";
import { DeleteAppPanel } from "./DeleteAppPanel";

export function SettingsTab({ app }: { app: AppSummary }) {
  const url = safeHttpUrl(app.url);
  return (
    <div className="tab-page stack">
      <div className="page-head">
        <div>
          <h1>Settings</h1>
          <p className="muted">About this app, tokens for the command-line tool, and deleting the app.</p>
        </div>
      </div>
      <section className="card panel">
        <h2>This app</h2>
        <dl className="kv">
          <dt>Name</dt>
          <dd>{app.name}</dd>
          <dt>Web address</dt>
          <dd className="mono">
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {url}
              </a>
            ) : (
              app.slug
            )}
          </dd>
          <dt>Template</dt>
          <dd>{app.template}</dd>
          <dt>Live version</dt>
          <dd>{app.version ? `v${String(app.version)}` : "not published yet"}</dd>
        </dl>
      </section>
      <TokensPanel />
      <DeleteAppPanel app={app} />
    </div>
  );
}
