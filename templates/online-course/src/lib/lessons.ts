/** Shapes of the two collections (see template.json), shared by locked pages and blanks. */
export interface Lesson {
  id: string;
  title: string;
  summary?: string;
  position: number;
  free?: boolean;
  /** Absent when the server's `visibility` rule keeps a paid lesson's content from this reader. */
  body?: string;
  videoUrl?: string;
  createdAt: number;
}

export interface Progress {
  id: string;
  lessonId: string;
  createdAt: number;
}

/** Syllabus order: by position, then by when the lesson was written (two lessons may share one). */
export function inOrder(lessons: readonly Lesson[]): Lesson[] {
  return [...lessons].sort((a, b) => a.position - b.position || a.createdAt - b.createdAt);
}

/**
 * A lesson whose content this reader may not see: paid and the server left `body` out. A free
 * lesson with no content yet is not locked, only empty.
 */
export function isLocked(lesson: Lesson): boolean {
  return lesson.free !== true && lesson.body === undefined && lesson.videoUrl === undefined;
}

/** Plain text to blocks: blank lines split paragraphs; "## " starts a heading. Nothing becomes HTML. */
export function blocksOf(text: string): Array<{ kind: "p" | "h"; text: string }> {
  return text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map((b) => (b.startsWith("## ") ? { kind: "h" as const, text: b.slice(3) } : { kind: "p" as const, text: b }));
}
