/**
 * A save collided with one made elsewhere (another tab, the CLI): for each blank changed on both
 * sides, the saved version (theirs) against this tab's (mine), and one choice for all of them.
 */
import type { JSX } from "react";
import { Dialog } from "../../components/Dialog";
import { DiffView } from "../../components/diff/DiffView";

export interface Conflict {
  /** Blanks edited here that were also saved elsewhere. */
  paths: string[];
  theirs: Record<string, string>;
  mine: Record<string, string>;
}

interface Props {
  conflict: Conflict | null;
  onKeepMine(): void;
  onTakeTheirs(): void;
  onClose(): void;
}

export function ConflictDialog({ conflict, onKeepMine, onTakeTheirs, onClose }: Props): JSX.Element | null {
  if (!conflict) return null;
  return (
    <Dialog open title="Saved somewhere else too" onClose={onClose} size="wide" testId="conflict-dialog">
      <p>
        {conflict.paths.length === 1 ? "This blank was saved" : "These blanks were saved"} from another tab or the
        command line after you opened {conflict.paths.length === 1 ? "it" : "them"}. Nothing of yours has been saved
        yet. Compare, then choose which version to keep.
      </p>
      <div className="conflict-diffs">
        {conflict.paths.map((path) => (
          <DiffView key={path} path={path} before={conflict.theirs[path] ?? ""} after={conflict.mine[path] ?? ""} />
        ))}
      </div>
      <p className="muted">Before: the saved version. After: yours, in this tab.</p>
      <div className="row dialog-actions">
        <button type="button" className="btn" onClick={onTakeTheirs}>
          Use the saved version
        </button>
        <button type="button" className="btn btn-primary" onClick={onKeepMine}>
          Keep mine and save
        </button>
      </div>
    </Dialog>
  );
}
