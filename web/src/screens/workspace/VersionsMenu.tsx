import { useEffect, useRef, useState } from "react";
import { api, type StudioTypes, type VersionInfo } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { ErrorBanner } from "../../components/ui";
import { useDismissableDetails } from "../../components/useDismiss";

interface Props {
  slug: string;
  refreshKey: number;
  onRolledBack(version: number): void;
  /** A version's blanks were copied into the draft (what the editor shows and the next publish ships). */
  onRestored(version: number, files: Record<string, string>, revision: string): void;
}

export function VersionsMenu({ slug, refreshKey, onRolledBack, onRestored }: Props) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);

  const load = () => {
    setError(null);
    // On failure the list on screen (if any) stays, under the error.
    api<StudioTypes["versions"]>("GET", `/api/apps/${encodeURIComponent(slug)}/versions`)
      .then((r) => setVersions(r.versions))
      .catch(setError);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the trigger to load again
  useEffect(load, [slug, refreshKey]);

  useDismissableDetails(details);

  const rollback = async (version: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<StudioTypes["rolledBack"]>("POST", `/api/apps/${encodeURIComponent(slug)}/rollback`, {
        version,
      });
      setConfirming(null);
      onRolledBack(r.version);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const restore = async (version: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<StudioTypes["savedFiles"]>(
        "POST",
        `/api/apps/${encodeURIComponent(slug)}/versions/${version}/restore`,
      );
      onRestored(version, r.files, r.revision);
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
        {current ? `v${current.version}` : "Versions"} <span aria-hidden="true">▾</span>
      </summary>
      <div className="menu-panel menu-panel-right versions-panel">
        <p className="menu-note">
          Published versions. Rolling back makes an older version live again; your saved code stays as it is. Restoring
          puts a version's code back into the editor, so your next publish ships it.
        </p>
        <ErrorBanner error={error} />
        {versions === null ? (
          error ? null : (
            <p className="muted">Loading…</p>
          )
        ) : versions.length === 0 ? (
          <p className="muted">Nothing published yet.</p>
        ) : (
          <ul className="versions">
            {versions.map((v) => (
              <li key={v.version} className="version-row">
                <span>
                  <strong>v{v.version}</strong> <span className="muted">{formatDateTime(v.createdAt)}</span>
                </span>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  disabled={busy}
                  onClick={() => void restore(v.version)}
                >
                  Restore into draft
                </button>
                {v.current ? (
                  <span className="badge badge-good">Live</span>
                ) : confirming === v.version ? (
                  <span className="row-tight">
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      disabled={busy}
                      onClick={() => void rollback(v.version)}
                    >
                      {busy ? "Rolling back…" : "Make live"}
                    </button>
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(null)}>
                      Cancel
                    </button>
                  </span>
                ) : (
                  <button type="button" className="btn btn-small" onClick={() => setConfirming(v.version)}>
                    Roll back
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
