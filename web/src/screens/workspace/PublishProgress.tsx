/** Publish, phase by phase: saving, building, checking, uploading, live, each with its time. */
import type { JSX } from "react";
import type { Phase, PhaseState } from "../../lib/publish-stream";

const LABEL: Record<Phase, string> = {
  saving: "Saving",
  building: "Building",
  checking: "Checking",
  uploading: "Uploading",
  live: "Live",
};

const MARK: Record<PhaseState["state"], string> = { waiting: "○", running: "◌", done: "✓", failed: "✕" };

export function PublishProgress({ phases }: { phases: PhaseState[] }): JSX.Element {
  return (
    <ol className="publish-phases" aria-label="Publish progress" data-testid="publish-phases">
      {phases.map((p) => (
        <li key={p.phase} className={`publish-phase is-${p.state}`} data-phase={p.phase} data-state={p.state}>
          <span className="publish-phase-mark" aria-hidden="true">
            {MARK[p.state]}
          </span>
          <span>{LABEL[p.phase]}</span>
          {p.ms !== undefined && <span className="publish-phase-ms">{p.ms} ms</span>}
          <span className="visually-hidden">
            {p.state === "done"
              ? " done"
              : p.state === "running"
                ? " in progress"
                : p.state === "failed"
                  ? " failed"
                  : ""}
          </span>
        </li>
      ))}
    </ol>
  );
}
