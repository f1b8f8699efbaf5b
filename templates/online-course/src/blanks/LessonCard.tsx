import type { ReactNode } from "react";

/**
 * Lesson card (blank): one lesson in the syllabus. Props: lesson {title, summary?, position,
 * free?}, done, locked (paid and closed to this visitor), href (null for a sample lesson).
 */
export default function LessonCard(props: {
  lesson: { title: string; summary?: string; position: number; free?: boolean };
  done: boolean;
  locked: boolean;
  href: string | null;
}) {
  const { lesson } = props;
  const inner: ReactNode = (
    <>
      <span className="lesson-number" aria-hidden="true">
        {props.done ? "✓" : lesson.position}
      </span>
      <span className="lesson-text">
        <strong>
          <span className="visually-hidden">Lesson {lesson.position}: </span>
          {lesson.title}
        </strong>
        {lesson.summary && <span className="muted small">{lesson.summary}</span>}
      </span>
      <span className={`badge${lesson.free ? "" : " paid"}`}>
        {props.done ? "Done" : lesson.free ? "Free preview" : props.locked ? "Students only" : "Students"}
      </span>
    </>
  );
  return props.href ? (
    <a className="card lesson-card" href={props.href}>
      {inner}
    </a>
  ) : (
    <div className="card lesson-card">{inner}</div>
  );
}
