import { useState } from "react";
import type { Problem } from "../../lib/api";
import type { PreviewBuildState } from "../../preview/usePreviewBuild";
import { PreviewFrame } from "../../preview/PreviewFrame";
import { ProblemList } from "./ProblemList";

interface Props {
  slug: string;
  build: PreviewBuildState;
  note: string | null;
  onJump(p: Problem): void;
  isJumpable(file: string): boolean;
  onRebuild(): void;
}

type Device = "desktop" | "mobile";

export function PreviewPane({ slug, build, note, onJump, isJumpable, onRebuild }: Props) {
  const [appError, setAppError] = useState<string | null>(null);
  const [device, setDevice] = useState<Device>("desktop");
  const app = build.status === "ok" ? build.app : build.status === "idle" ? null : build.last;
  // A new frame only for a new successful build: failed builds keep the last good preview.
  const [frameSeq, setFrameSeq] = useState(0);
  const [shownApp, setShownApp] = useState(app);
  if (app !== shownApp) {
    setShownApp(app);
    setFrameSeq((n) => n + 1);
  }

  const status =
    build.status === "idle"
      ? { tone: "neutral", text: note ? "No preview" : "Waiting" }
      : build.status === "building"
        ? { tone: "neutral", text: "Building…" }
        : build.status === "ok"
          ? { tone: "good", text: `Up to date · ${build.ms} ms` }
          : build.status === "failed"
            ? { tone: "bad", text: "Fix the problems below" }
            : { tone: "bad", text: "Preview unavailable" };

  return (
    <section className="preview-pane" aria-label="Live preview">
      <div className="preview-head">
        <h2 className="rail-title">Live preview</h2>
        <span
          className={`preview-status preview-status-${status.tone}`}
          aria-live="polite"
          data-testid="preview-status"
        >
          <span className="dot" aria-hidden="true" />
          {status.text}
        </span>
        {/* biome-ignore lint/a11y/useSemanticElements: a segmented control; a fieldset would bring a legend and border it does not want */}
        <div className="seg" role="group" aria-label="Preview size">
          <button type="button" aria-pressed={device === "desktop"} onClick={() => setDevice("desktop")}>
            Desktop
          </button>
          <button type="button" aria-pressed={device === "mobile"} onClick={() => setDevice("mobile")}>
            Phone
          </button>
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          onClick={onRebuild}
          title="Rebuild and restart the preview"
        >
          Restart
        </button>
      </div>
      <div className={`preview-stage preview-stage-${device}`}>
        {note ? (
          <div className="empty empty-small">
            <p>{note}</p>
          </div>
        ) : app ? (
          <PreviewFrame slug={slug} app={app} buildSeq={frameSeq} onAppError={setAppError} />
        ) : build.status === "error" ? (
          <div className="empty empty-small">
            <p>The preview builder could not start: {build.message}</p>
          </div>
        ) : build.status === "failed" ? (
          <div className="empty empty-small">
            <p>Your app has problems to fix before it can be previewed.</p>
          </div>
        ) : (
          <div className="preview-loading">
            <span className="spinner-dot" aria-hidden="true" />
            <span>Building your app…</span>
          </div>
        )}
      </div>
      {appError && (
        <div className="preview-apperror" role="alert">
          <strong>Your app hit an error:</strong> <span className="mono">{appError}</span>
        </div>
      )}
      {build.status === "failed" && (
        <ProblemList
          title="Preview problems"
          problems={build.problems}
          isJumpable={isJumpable}
          onJump={onJump}
          testId="preview-problems"
        />
      )}
      {build.status === "error" && app && (
        <p className="preview-apperror">The preview builder stopped: {build.message}</p>
      )}
    </section>
  );
}
