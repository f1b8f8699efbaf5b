import type { Lesson, Progress } from "./lessons";

export interface Completion {
  done: number;
  total: number;
  complete: boolean;
  /** When the last lesson was ticked off (epoch ms), once every lesson is done. */
  completedAt: number | null;
}

/**
 * How far a student is, computed in the app from their own progress documents. Only progress on
 * lessons that still exist counts, so a deleted lesson neither blocks nor fakes completion.
 */
export function completionOf(lessons: readonly Lesson[], progress: readonly Progress[]): Completion {
  const byLesson = new Map(progress.map((p) => [p.lessonId, p.createdAt]));
  const times = lessons.map((l) => byLesson.get(l.id)).filter((t): t is number => t !== undefined);
  const complete = lessons.length > 0 && times.length === lessons.length;
  return {
    done: times.length,
    total: lessons.length,
    complete,
    completedAt: complete ? Math.max(...times) : null,
  };
}
