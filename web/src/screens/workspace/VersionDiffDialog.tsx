/**
 * A published version's blanks against the draft, shown before a restore or a rollback is
 * confirmed: the creator sees what the choice changes, then accepts or cancels. Loaded on demand
 * (it brings CodeMirror's merge view).
 */
import type { JSX } from "react";
import { Dialog } from "../../components/Dialog";
import { DiffView } from "../../components/diff/DiffView";
import { dirtyPaths } from "../../lib/workspace";

export interface VersionChoice {
  version: number;
  action: "restore" | "rollback";
}

interface Props {
  choice: VersionChoice;
  /** The version's blanks; null while they load. */
  versionFiles: Record<string, string> | null;
  /** What the editor holds now, unsaved edits included. */
  draft: Record<string, string>;
  unsaved: number;
  busy: boolean;
  error: JSX.Element | null;
  onConfirm(): void;
  onClose(): void;
}

export function VersionDiffDialog(props: Props): JSX.Element {
  const { choice, versionFiles, draft, unsaved, busy, error, onConfirm, onClose } = props;
  const restore = choice.action === "restore";
  const changed = versionFiles ? dirtyPaths(versionFiles, draft) : [];
  const title = restore ? `Restore version ${choice.version} into your draft?` : `Make version ${choice.version} live?`;
  return (
    <Dialog open title={title} onClose={onClose} size="wide" testId="version-diff-dialog">
      <p>
        {restore
          ? `Restoring replaces your draft's code with version ${choice.version}'s. What is live does not change until you publish.`
          : `Your visitors get version ${choice.version} again. Your draft stays as it is.`}
        {restore && unsaved > 0
          ? ` Your ${unsaved} unsaved ${unsaved === 1 ? "change is" : "changes are"} replaced too.`
          : ""}
      </p>
      {error}
      {versionFiles === null ? (
        <p className="muted">Loading version {choice.version}…</p>
      ) : changed.length === 0 ? (
        <p className="muted" data-testid="version-same">
          Version {choice.version}'s code is the same as your draft.
        </p>
      ) : (
        <>
          <p className="muted">
            Before: your draft now. After: version {choice.version}. {changed.length}{" "}
            {changed.length === 1 ? "blank differs" : "blanks differ"}.
          </p>
          <div className="conflict-diffs">
            {changed.map((path) => (
              <DiffView key={path} path={path} before={draft[path] ?? ""} after={versionFiles[path] ?? ""} />
            ))}
          </div>
        </>
      )}
      <div className="row dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={`btn ${restore ? "btn-primary" : "btn-danger"}`}
          disabled={busy || versionFiles === null}
          onClick={onConfirm}
        >
          {busy
            ? restore
              ? "Restoring…"
              : "Rolling back…"
            : restore
              ? `Restore version ${choice.version}`
              : `Make version ${choice.version} live`}
        </button>
      </div>
    </Dialog>
  );
}
