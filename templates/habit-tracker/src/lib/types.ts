/** Shapes of the two collections (see template.json), shared by the locked pages and the blanks. */
export interface Habit {
  id: string;
  name: string;
  createdAt: number;
}

export interface Checkin {
  id: string;
  habitId: string;
  day: string;
}
