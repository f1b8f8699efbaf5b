import { useMutation } from "@tanstack/react-query";
import { lazy, Suspense, useRef, useState } from "react";
import { api, type StudioTypes } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { invalidate, useStudioQuery } from "../../lib/queries";
import { ErrorBanner } from "../../components/ui";
import { useDismissableDetails } from "../../components/useDismiss";
import type { VersionChoice } from "./VersionDiffDialog";

// The diff brings CodeMirror's merge view: loaded when a restore or rollback is being considered.
const VersionDiffDialog = lazy(() => import("./VersionDiffDialog").then((m) => ({ default: m.VersionDiffDialog })));

interface Props {
  slug: string;
  /** What the editor holds now (unsaved edits included): what a version is compared with. */
  draft: Record<string, string>;
  unsaved: number;
  onRolledBack(version: number): void;
  /** A version's blanks were copied into the draft (what the editor shows and the next publish ships). */
  onRestored(version: number, files: Record<string, string>, revision: string): void;
}

export function VersionsMenu({ slug, draft, unsaved, onRolledBack, onRestored }: Props) {
  const base = `/api/apps/${encodeURIComponent(slug)}`;
  const versions = useStudioQuery("versions", `${base}/versions`);
  const [choice, setChoice] = useState<VersionChoice | null>(null);
  const shown = useStudioQuery("versionFiles", `${base}/versions/${choice?.version ?? 0}`, {
    enabled: choice !== null,
  });
  const details = useRef<HTMLDetailsElement>(null);
  useDismissableDetails(details);

  const confirm = useMutation({
    mutationFn: async (c: VersionChoice): Promise<void> => {
      if (c.action === "rollback") {
        const r = await api<StudioTypes["rolledBack"]>("POST", `${base}/rollback`, { version: c.version });
        onRolledBack(r.version);
      } else {
        const r = await api<StudioTypes["savedFiles"]>("POST", `${base}/versions/${c.version}/restore`);
        onRestored(c.version, r.files, r.revision);
      }
    },
    onSuccess: () => {
      setChoice(null);
      return Promise.all([invalidate("versions"), invalidate("app"), invalidate("apps")]);
    },
  });

  const choose = (next: VersionChoice): void => {
    confirm.reset();
    // The menu closes behind the dialog; focus goes back to its button when the dialog closes.
    const menu = details.current;
    if (menu) {
      menu.open = false;
      menu.querySelector("summary")?.focus();
    }
    setChoice(next);
  };
  const list = versions.data?.versions ?? null;
  const current = list?.find((v) => v.current);
  return (
    <>
      <details className="menu" ref={details}>
        <summary className="btn" data-testid="versions-button">
          {current ? `v${current.version}` : "Versions"} <span aria-hidden="true">▾</span>
        </summary>
        <div className="menu-panel menu-panel-right versions-panel">
          <p className="menu-note">
            Published versions. Rolling back makes an older version live again; your saved code stays as it is.
            Restoring puts a version's code back into the editor, so your next publish ships it. Both show you the
            difference first.
          </p>
          <ErrorBanner error={versions.error} />
          {list === null ? (
            versions.isError ? null : (
              <p className="muted">Loading…</p>
            )
          ) : list.length === 0 ? (
            <p className="muted">Nothing published yet.</p>
          ) : (
            <ul className="versions">
              {list.map((v) => (
                <li key={v.version} className="version-row">
                  <span>
                    <strong>v{v.version}</strong> <span className="muted">{formatDateTime(v.createdAt)}</span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => choose({ version: v.version, action: "restore" })}
                  >
                    Restore into draft<span className="visually-hidden"> (version {v.version})</span>
                  </button>
                  {v.current ? (
                    <span className="badge badge-good">Live</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => choose({ version: v.version, action: "rollback" })}
                    >
                      Roll back<span className="visually-hidden"> to version {v.version}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </details>
      {choice && (
        <Suspense fallback={null}>
          <VersionDiffDialog
            choice={choice}
            versionFiles={shown.data?.version === choice.version ? shown.data.files : null}
            draft={draft}
            unsaved={unsaved}
            busy={confirm.isPending}
            error={
              shown.isError || confirm.isError ? (
                <ErrorBanner error={confirm.error ?? shown.error} onDismiss={() => confirm.reset()} />
              ) : null
            }
            onConfirm={() => confirm.mutate(choice)}
            onClose={() => setChoice(null)}
          />
        </Suspense>
      )}
    </>
  );
}
