import { lazy, Suspense, useState } from "react";
import { ErrorBanner } from "../components/ui";
import { api, type StudioTypes } from "../lib/api";
import { acceptProposal, rejectProposal } from "./useAssistant";

// CodeMirror's merge view is most of the studio's JS: it loads with the first proposal, not the page.
const DiffView = lazy(() => import("../components/diff/DiffView").then((m) => ({ default: m.DiffView })));

interface Props {
  slug: string;
  id: string;
  files: Record<string, string>;
  status: "pending" | "accepted" | "rejected";
  rounds: number;
  /** The saved content of each blank now: what accepting replaces. */
  saved: Record<string, string>;
  /** Blanks with unsaved edits in the editor. */
  dirty: ReadonlySet<string>;
  onSaved(files: Record<string, string>, revision: string): void;
  onDecided(): void;
  onOpen(path: string): void;
}

/**
 * One proposal: a diff per changed blank (the editor's DiffView), then Accept / Reject for the
 * whole proposal. Accepting is a normal draft change, so it can be undone here (or in the editor).
 */
export function ProposalCard(props: Props) {
  const { slug, id, files, saved, dirty } = props;
  const [status, setStatus] = useState(props.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [undo, setUndo] = useState<Record<string, string> | null>(null);
  const paths = Object.keys(files).sort();
  const clash = paths.filter((p) => dirty.has(p));

  const accept = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const before = Object.fromEntries(paths.map((p) => [p, saved[p] ?? ""]));
    try {
      const accepted = await acceptProposal(slug, id);
      setStatus("accepted");
      setUndo(before);
      props.onSaved(accepted.files, accepted.revision);
      props.onDecided();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reject = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await rejectProposal(slug, id);
      setStatus("rejected");
      props.onDecided();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const undoAccept = async (): Promise<void> => {
    if (!undo) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<StudioTypes["savedFiles"]>("PUT", `/api/apps/${encodeURIComponent(slug)}/files`, {
        files: undo,
      });
      props.onSaved(undo, r.revision);
      setUndo(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={`ai-proposal ai-proposal-${status}`} data-testid="ai-proposal" data-status={status}>
      <p className="ai-proposal-head">
        <strong>{status === "pending" ? "Proposed change" : status === "accepted" ? "Accepted" : "Rejected"}</strong> ·{" "}
        {paths.length} {paths.length === 1 ? "blank" : "blanks"}
        {props.rounds > 0 ? ` · fixed in ${props.rounds} ${props.rounds === 1 ? "round" : "rounds"}` : " · builds"}
      </p>
      {status === "pending" && (
        <Suspense fallback={<p className="muted small">Loading the changes…</p>}>
          {paths.map((p) => (
            <DiffView key={p} path={p} before={saved[p] ?? ""} after={files[p] ?? ""} />
          ))}
        </Suspense>
      )}
      {status !== "pending" && (
        <ul className="ai-proposal-files">
          {paths.map((p) => (
            <li key={p}>
              <button type="button" className="link-button mono" onClick={() => props.onOpen(p)}>
                {p}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {status === "pending" && clash.length > 0 && (
        <p className="ai-warn" role="note">
          You have unsaved edits in {clash.join(", ")}. Save or undo them before accepting, so nothing is lost.
        </p>
      )}
      {status === "pending" && (
        <div className="row ai-proposal-actions">
          <button type="button" className="btn" onClick={() => void reject()} disabled={busy}>
            Reject
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void accept()}
            disabled={busy || clash.length > 0}
            data-testid="ai-accept"
          >
            {busy ? "Saving…" : "Accept"}
          </button>
        </div>
      )}
      {undo && (
        <div className="row ai-proposal-actions">
          <span className="ai-muted">Saved into your draft; the preview shows it.</span>
          <button type="button" className="btn btn-ghost" onClick={() => void undoAccept()} disabled={busy}>
            Undo
          </button>
        </div>
      )}
    </div>
  );
}
