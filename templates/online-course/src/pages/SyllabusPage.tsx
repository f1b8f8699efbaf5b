import type { ReactElement } from "react";
import { useUser } from "@sandlot/sdk";
import { ErrorNote, Link, Loading } from "@sandlot/kit";
import { isLocked } from "../lib/lessons";
import { STARTER_LESSONS } from "../lib/starter";
import { useCourse } from "../lib/useCourse";
import CourseIntro from "../blanks/CourseIntro";
import LessonCard from "../blanks/LessonCard";

/**
 * The syllabus (locked). Every lesson's title is public; whether a lesson opens is the server's
 * answer (its content is left out for readers the `visibility` rule does not allow). Until the
 * creator adds a lesson, sample lessons show so the course never looks empty.
 */
export function SyllabusPage(): ReactElement {
  const { user } = useUser();
  const course = useCourse();
  const sample = !course.loading && course.lessons.length === 0 && course.error === null;
  const lessons = sample ? [...STARTER_LESSONS] : course.lessons;
  const { done, total, complete } = course.completion;
  return (
    <div className="container">
      <CourseIntro lessonCount={lessons.length} />
      {user && total > 0 && (
        <section className="card progress-summary" aria-label="Your progress">
          <p>
            <strong>
              {done} of {total} lessons done
            </strong>
          </p>
          <progress max={total} value={done} aria-label="Lessons done">
            {done} of {total}
          </progress>
          {complete && (
            <p>
              <Link to="/certificate" className="button primary small">
                See your certificate
              </Link>
            </p>
          )}
        </section>
      )}
      <ErrorNote error={course.error} />
      {sample && (
        <p className="notice" role="note">
          Sample lessons: these show until the first real lesson is added.
        </p>
      )}
      {course.loading ? (
        <Loading label="Opening the syllabus…" />
      ) : (
        <section aria-labelledby="syllabus-title">
          <h2 id="syllabus-title" className="section-title">
            Syllabus
          </h2>
          <ol className="lesson-list">
            {lessons.map((l) => (
              <li key={l.id}>
                <LessonCard
                  lesson={l}
                  done={course.doneIds.has(l.id)}
                  locked={isLocked(l)}
                  href={sample ? null : `#/lesson/${encodeURIComponent(l.id)}`}
                />
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
