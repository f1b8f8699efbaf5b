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
        <strong>{lesson.title}</strong>
        {lesson.summary && <span className="muted small">{lesson.summary}</span>}
      </span>
      <span className={`badge${lesson.free ? "" : " paid"}`}>
        {props.done ? "Done" : lesson.free ? "Free preview" : props.locked ? "Students 🔒" : "Students"}
      </span>
    </>
  );
  const label = `Lesson ${lesson.position}: ${lesson.title}`;
  return props.href ? (
    <a className="card lesson-card" href={props.href} aria-label={label}>
      {inner}
    </a>
  ) : (
    <div className="card lesson-card" aria-label={label}>
      {inner}
    </div>
  );
}
