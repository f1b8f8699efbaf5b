import { useMutation } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { api, type StudioTypes } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { invalidate, useStudioQuery } from "../../lib/queries";
import { ErrorBanner } from "../../components/ui";
import { Menu } from "../../components/Menu";
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

  // The menu gives focus back to its button before an item runs, so the dialog returns it there.
  const choose = (next: VersionChoice): void => {
    confirm.reset();
    setChoice(next);
  };
  const list = versions.data?.versions ?? null;
  const current = list?.find((v) => v.current);
  return (
    <>
      <Menu
        button={
          <>
            {current ? `v${current.version}` : "Versions"} <span aria-hidden="true">▾</span>
          </>
        }
        label="Versions"
        testId="versions-button"
        align="right"
        panelClassName="versions-panel"
        header={
          <>
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
            ) : null}
          </>
        }
        entries={(list ?? []).map((v) => ({
          key: `v${v.version}`,
          label: (
            <span className="version-row">
              <span>
                <strong>v{v.version}</strong> <span className="muted">{formatDateTime(v.createdAt)}</span>
              </span>
              {v.current && <span className="badge badge-good">Live</span>}
            </span>
          ),
          items: [
            {
              key: "restore",
              label: (
                <>
                  Restore into draft<span className="visually-hidden"> (version {v.version})</span>
                </>
              ),
              onSelect: () => choose({ version: v.version, action: "restore" }),
            },
            ...(v.current
              ? []
              : [
                  {
                    key: "rollback",
                    label: (
                      <>
                        Roll back<span className="visually-hidden"> to version {v.version}</span>
                      </>
                    ),
                    onSelect: () => choose({ version: v.version, action: "rollback" }),
                  },
                ]),
          ],
        }))}
      />
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
