import { useState } from "react";
import { useStudioQuery } from "../lib/queries";
import { ErrorBanner, Link, Notice, Spinner } from "../components/ui";
import { takeNotice } from "../lib/router";
import { safeHttpUrl } from "../lib/format";

export function AppsScreen() {
  const listed = useStudioQuery("apps", "/api/apps");
  const apps = listed.data?.apps ?? (listed.isError ? [] : null);
  const error = listed.error;
  const [notice] = useState(takeNotice);

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Your apps</h1>
          <p className="muted">Each app lives at its own web address. Open one to edit it with a live preview.</p>
        </div>
        <Link to={{ name: "new" }} className="btn btn-primary">
          <span aria-hidden="true">+</span> New app
        </Link>
      </div>
      {notice && <Notice tone="success">{notice}</Notice>}
      <ErrorBanner error={error} />
      {apps === null ? (
        <Spinner label="Loading your apps" />
      ) : apps.length === 0 ? (
        <div className="empty">
          <div className="empty-art" aria-hidden="true">
            ◌
          </div>
          <h2>No apps yet</h2>
          <p>Pick a template, give it a name, and you'll have a live preview in seconds.</p>
          <Link to={{ name: "new" }} className="btn btn-primary">
            Create your first app
          </Link>
        </div>
      ) : (
        <ul className="card-grid" aria-label="Apps">
          {apps.map((app) => {
            const live = safeHttpUrl(app.url);
            return (
              <li key={app.id} className="card app-card">
                <Link to={{ name: "app", slug: app.slug, tab: "edit" }} className="app-card-link">
                  <span className="app-card-initial" aria-hidden="true">
                    {app.name.trim().charAt(0).toUpperCase()}
                  </span>
                  <span className="app-card-name">{app.name}</span>
                </Link>
                <span className="app-card-meta">
                  <span className="mono">{app.slug}</span> · {app.template}
                </span>
                <span className="app-card-foot">
                  {app.version !== null ? (
                    <span className="badge badge-good">Live · v{app.version}</span>
                  ) : (
                    <span className="badge badge-neutral">Not published</span>
                  )}
                  {live && app.version !== null ? (
                    <a href={live} target="_blank" rel="noopener noreferrer" className="subtle-link">
                      Open ↗
                    </a>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
