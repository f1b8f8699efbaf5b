import { useRef, useState } from "react";
import type { Problem } from "../../lib/api";
import type { PreviewBuildState } from "../../preview/usePreviewBuild";
import { PreviewFrame, type AppError } from "../../preview/PreviewFrame";
import type { BuiltApp } from "../../preview/worker-protocol";
import { firstScriptFrame, placeInSource } from "../../../../sandbox/build/runtime-error";
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
  const [appError, setAppError] = useState<{ error: AppError; app: BuiltApp } | null>(null);
  const [device, setDevice] = useState<Device>("desktop");
  // The last build that ran without an error: shown again while a newer one is broken.
  const [lastGood, setLastGood] = useState<BuiltApp | null>(null);
  const failed = useRef<BuiltApp | null>(null);
  const built = build.status === "ok" ? build.app : build.status === "idle" ? null : build.last;
  const brokenNow = appError !== null && appError.app === built;
  const app = brokenNow && lastGood && lastGood !== built ? lastGood : built;
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
        : build.status === "ok" && brokenNow
          ? { tone: "bad", text: "Failed: your app hit an error" }
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
          <span className="preview-status-text" title={status.text}>
            {status.text}
          </span>
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
          <PreviewFrame
            slug={slug}
            app={app}
            buildSeq={frameSeq}
            onAppError={(error) => {
              // Only the newest build's errors count; the fallback frame's never flip the view back.
              if (app !== built) return;
              if (error) {
                failed.current = app;
                setAppError({ error, app });
              } else setAppError(null);
            }}
            onRan={() => {
              // "ran" comes before React renders; a build counts as good once it has run a moment
              // without an error.
              const ran = app;
              setTimeout(() => {
                if (failed.current !== ran) setLastGood(ran);
              }, 1500);
            }}
          />
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
      {brokenNow && appError && (
        <RuntimeProblem
          error={appError.error}
          app={appError.app}
          showingLastGood={app !== built}
          isJumpable={isJumpable}
          onJump={onJump}
        />
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

/** A runtime error as blank:line (through the build's source maps), with a jump to it. */
function RuntimeProblem(props: {
  error: AppError;
  app: BuiltApp;
  showingLastGood: boolean;
  isJumpable(file: string): boolean;
  onJump(p: Problem): void;
}) {
  const frame = props.error.stack ? firstScriptFrame(props.error.stack) : null;
  const place = frame ? placeInSource(props.app.parts, frame.line, frame.column) : null;
  const where = place && !place.file.startsWith("@sandlot/") ? place : null;
  return (
    <div className="preview-apperror" role="alert" data-testid="preview-runtime-error">
      <p>
        <strong>Your app hit an error{where ? ` in ${where.file}:${where.line}` : ""}:</strong>{" "}
        <span className="mono">{props.error.message}</span>
      </p>
      {where && props.isJumpable(where.file) && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            props.onJump({ file: where.file, line: where.line, column: where.column, message: props.error.message })
          }
        >
          Show {where.file}:{where.line}
        </button>
      )}
      {props.showingLastGood && <p className="muted small">The preview shows the last version that worked.</p>}
    </div>
  );
}
