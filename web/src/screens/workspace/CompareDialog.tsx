/** The open blank's unsaved edits against what is saved, with a way to throw them away. */
import type { JSX } from "react";
import { Dialog } from "../../components/Dialog";
import { DiffView } from "../../components/diff/DiffView";

interface Props {
  path: string;
  saved: string;
  draft: string;
  onDiscard(): void;
  onClose(): void;
}

export function CompareDialog({ path, saved, draft, onDiscard, onClose }: Props): JSX.Element {
  return (
    <Dialog open title="Your unsaved changes" onClose={onClose} size="wide" testId="compare-dialog">
      <p className="muted">Before: what is saved. After: what you have typed since.</p>
      <DiffView
        path={path}
        before={saved}
        after={draft}
        onReject={onDiscard}
        rejectLabel="Discard my changes"
        onAccept={onClose}
        acceptLabel="Keep editing"
      />
    </Dialog>
  );
}
