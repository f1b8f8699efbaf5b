import type { ReactElement } from "react";
import { blocksOf, type Lesson } from "../lib/lessons";

/**
 * A lesson's content as readable prose (locked). Text only: nothing is rendered as HTML. The
 * video is a link, not an embed, so the app's CSP needs no third-party frames.
 */
export function LessonBody(props: { lesson: Lesson }): ReactElement {
  const { body, videoUrl } = props.lesson;
  return (
    <div className="prose">
      {videoUrl && (
        <p>
          <a className="button" href={videoUrl} target="_blank" rel="noopener noreferrer">
            ▶ Watch the video
          </a>
        </p>
      )}
      {blocksOf(body ?? "").map((b, i) => (b.kind === "h" ? <h2 key={i}>{b.text}</h2> : <p key={i}>{b.text}</p>))}
      {!body && !videoUrl && <p className="muted">This lesson has no content yet.</p>}
    </div>
  );
}
