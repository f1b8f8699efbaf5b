import { useCollection, useUser, type SandlotError } from "@sandlot/sdk";
import { completionOf, type Completion } from "./completion";
import { inOrder, type Lesson, type Progress } from "./lessons";

export interface Course {
  lessons: Lesson[];
  /** The first page of lessons is still on its way. */
  loading: boolean;
  error: SandlotError | null;
  progress: Progress[];
  doneIds: Set<string>;
  completion: Completion;
  markDone(lessonId: string): Promise<void>;
  markNotDone(lessonId: string): Promise<void>;
}

/**
 * The syllabus and this student's progress, read from the server. The course holds at most 100
 * lessons (the creator's `maxDocumentsPerUser`), so one page of the list is the whole syllabus.
 * Progress is asked for only when signed in: the `owner` rule answers 401 to anyone else.
 */
export function useCourse(): Course {
  const { user } = useUser();
  const lessons = useCollection("lessons", { limit: 100, sort: "position" });
  const progress = useCollection("progress", { limit: 100 });
  const ordered = inOrder(lessons.items as unknown as Lesson[]);
  const mine = user ? (progress.items as unknown as Progress[]) : [];

  async function markDone(lessonId: string): Promise<void> {
    await progress.create({ lessonId });
  }
  async function markNotDone(lessonId: string): Promise<void> {
    const p = mine.find((x) => x.lessonId === lessonId);
    if (p) await progress.remove(p.id);
  }

  return {
    lessons: ordered,
    loading: lessons.loading && lessons.items.length === 0,
    error: lessons.error,
    progress: mine,
    doneIds: new Set(mine.map((p) => p.lessonId)),
    completion: completionOf(ordered, mine),
    markDone,
    markNotDone,
  };
}
