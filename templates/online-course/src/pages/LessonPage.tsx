import { useState, type ReactElement } from "react";
import { useDoc, useEntitlements, useUser, type SandlotError } from "@sandlot/sdk";
import { ErrorNote, Link, Loading } from "@sandlot/kit";
import { LessonBody } from "../components/LessonBody";
import { isLocked, type Lesson } from "../lib/lessons";
import { useCourse } from "../lib/useCourse";
import StudentPitch from "../blanks/StudentPitch";

/** Says "already done" for a 409 (the server keeps one progress per student per lesson). */
function friendly(err: SandlotError): SandlotError {
  if (err.status === 409) return Object.assign(err, { message: "You had already marked this lesson as done." });
  if (err.status === 401) return Object.assign(err, { message: "Sign in to save your progress." });
  return err;
}

/**
 * One lesson (locked). The server decides what arrives: a free preview or a student's lesson
 * comes with its content, anyone else's without it, and then the pitch shows. Progress is one
 * document per student per lesson (`unique` on ownerId + lessonId).
 */
export function LessonPage(props: { lessonId: string }): ReactElement {
  const { user, isCreator, loading: userLoading } = useUser();
  const entitlements = useEntitlements();
  const { item, loading, error } = useDoc("lessons", props.lessonId);
  const course = useCourse();
  const [busy, setBusy] = useState(false);
  const [writeError, setWriteError] = useState<SandlotError | null>(null);
  if (loading || userLoading)
    return (
      <div className="container narrow">
        <Loading />
      </div>
    );
  if (!item)
    return (
      <div className="container narrow">
        <h1>Lesson not found</h1>
        <ErrorNote error={error && error.status !== 404 ? error : null} />
        <p>
          <Link to="/">See the syllabus</Link>
        </p>
      </div>
    );
  const lesson = item as unknown as Lesson;
  // A paid lesson without content reaches a student too when the creator has not written it yet:
  // for them it is empty, not locked. (Presentation only; the server decided what was sent.)
  const locked = isLocked(lesson) && !isCreator && !entitlements.has("student");
  const done = course.doneIds.has(lesson.id);
  const index = course.lessons.findIndex((l) => l.id === lesson.id);
  const next = index >= 0 ? course.lessons[index + 1] : undefined;

  async function toggle(): Promise<void> {
    setBusy(true);
    setWriteError(null);
    try {
      await (done ? course.markNotDone(lesson.id) : course.markDone(lesson.id));
    } catch (e) {
      setWriteError(friendly(e as SandlotError));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="container narrow lesson">
      <p className="muted small">
        <Link to="/">← Syllabus</Link>
      </p>
      <header>
        <p className="kicker">
          Lesson {lesson.position}
          {lesson.free ? " · Free preview" : ""}
        </p>
        <h1>{lesson.title}</h1>
        {lesson.summary && <p className="lede">{lesson.summary}</p>}
      </header>
      {locked ? <StudentPitch signedIn={user !== null} /> : <LessonBody lesson={lesson} />}
      {!locked && (
        <div className="card lesson-actions">
          {user ? (
            <button
              type="button"
              className={`button${done ? "" : " primary"}`}
              onClick={() => void toggle()}
              disabled={busy}
            >
              {done ? "Mark as not done" : "Mark lesson as done"}
            </button>
          ) : (
            <p>
              <Link to="/signin">Sign in</Link> to save your progress.
            </p>
          )}
          {done && (
            <p role="status" className="muted">
              Done ✓ {course.completion.complete ? "— you finished the course!" : ""}
            </p>
          )}
          <ErrorNote error={writeError} />
          {course.completion.complete ? (
            <Link to="/certificate" className="button small">
              See your certificate
            </Link>
          ) : (
            next && (
              <Link to={`/lesson/${encodeURIComponent(next.id)}`} className="button small">
                Next: {next.title} →
              </Link>
            )
          )}
        </div>
      )}
    </article>
  );
}
