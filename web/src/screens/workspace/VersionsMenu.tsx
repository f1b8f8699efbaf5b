import { useEffect, useRef, useState } from "react";
import { api, type VersionInfo } from "../../lib/api";
import { isMissingEndpoint } from "../../lib/api-core";
import { formatDateTime } from "../../lib/format";
import { ErrorBanner } from "../../components/ui";
import { useDismissableDetails } from "../../components/useDismiss";

interface Props {
  slug: string;
  refreshKey: number;
  onRolledBack(version: number): void;
}

export function VersionsMenu({ slug, refreshKey, onRolledBack }: Props) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);

  const load = () => {
    api<{ versions: VersionInfo[] }>("GET", `/api/apps/${encodeURIComponent(slug)}/versions`)
      .then((r) => setVersions(Array.isArray(r.versions) ? r.versions : []))
      .catch((err) => {
        if (isMissingEndpoint(err)) setMissing(true);
        setVersions([]);
      });
  };
  useEffect(load, [slug, refreshKey]);

  useDismissableDetails(details);

  const rollback = async (version: number) => {
    setBusy(true);
    setError(null);
    try {
      await api("POST", `/api/apps/${encodeURIComponent(slug)}/rollback`, { version });
      setConfirming(null);
      onRolledBack(version);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const current = versions?.find((v) => v.current);
  return (
    <details className="menu" ref={details}>
      <summary className="btn" data-testid="versions-button">
        {current ? `v${String(current.version)}` : "Versions"} <span aria-hidden="true">▾</span>
      </summary>
      <div className="menu-panel menu-panel-right versions-panel">
        <p className="menu-note">Published versions. Rolling back makes an older version live again; your saved code stays as it is.</p>
        <ErrorBanner error={error} />
        {missing ? (
          <p className="muted">Version history is not available on this server yet.</p>
        ) : versions === null ? (
          <p className="muted">Loading…</p>
        ) : versions.length === 0 ? (
          <p className="muted">Nothing published yet.</p>
        ) : (
          <ul className="versions">
            {versions.map((v) => {
              const key = String(v.version);
              return (
                <li key={key} className="version-row">
                  <span>
                    <strong>v{key}</strong> <span className="muted">{formatDateTime(v.createdAt)}</span>
                  </span>
                  {v.current ? (
                    <span className="badge badge-good">Live</span>
                  ) : confirming === key ? (
                    <span className="row-tight">
                      <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void rollback(v.version)}>
                        {busy ? "Rolling back…" : "Make live"}
                      </button>
                      <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="btn btn-small" onClick={() => setConfirming(key)}>
                      Roll back
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </details>
  );
}
