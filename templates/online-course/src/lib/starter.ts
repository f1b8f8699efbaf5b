import type { Lesson } from "./lessons";

/**
 * Sample lessons the syllabus shows until the creator adds a real one, so a new app (and its
 * preview) looks like a course from the first minute. They live only in the page: nothing here
 * is stored, and they disappear as soon as the server lists one lesson.
 */
export const STARTER_LESSONS: readonly Lesson[] = [
  {
    id: "sample-1",
    position: 1,
    free: true,
    title: "Welcome: what you will make",
    summary: "A tour of the course, the tools you need and the finished project.",
    body: "Welcome! In this course you build one small project from start to finish.\n\nEach lesson is short.",
    createdAt: 0,
  },
  {
    id: "sample-2",
    position: 2,
    free: true,
    title: "Setting up in ten minutes",
    summary: "Everything installed and ready before the real work starts.",
    body: "Follow along step by step. If anything goes wrong, the next lesson starts from a clean slate.",
    createdAt: 0,
  },
  {
    id: "sample-3",
    position: 3,
    title: "The first real piece",
    summary: "Students only: the core technique, shown slowly, with exercises.",
    createdAt: 0,
  },
  {
    id: "sample-4",
    position: 4,
    title: "Putting it all together",
    summary: "Students only: finish the project and share it.",
    createdAt: 0,
  },
];
