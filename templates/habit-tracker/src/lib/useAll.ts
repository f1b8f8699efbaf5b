import { useEffect } from "react";
import { type SandlotError, useCollection } from "@sandlot/sdk";
import type { Checkin, Habit } from "./types";

/**
 * All of the person's check-ins, newest first, read 100 at a time (a year of three habits is
 * eleven pages). The server lists only the caller's own: the rules are `owner`.
 */
export function useCheckins(): {
  items: Checkin[];
  loading: boolean;
  error: SandlotError | null;
  create(data: { habitId: string; day: string }): Promise<unknown>;
  remove(id: string): Promise<void>;
  refresh(): Promise<void>;
} {
  const list = useCollection("checkins", { limit: 100, sort: "-day" });
  useEffect(() => {
    if (list.hasMore && !list.loading && !list.error) void list.loadMore();
  }, [list.hasMore, list.loading, list.error, list.loadMore]);
  return {
    items: list.items as unknown as Checkin[],
    loading: list.loading || (list.hasMore && !list.error),
    error: list.error,
    create: list.create,
    remove: list.remove,
    refresh: list.refresh,
  };
}

/** The person's habits, oldest first (at most 30 on Pro, so one page). */
export function useHabits(): {
  habits: Habit[];
  loading: boolean;
  error: SandlotError | null;
  create(data: { name: string }): Promise<unknown>;
  remove(id: string): Promise<void>;
} {
  const list = useCollection("habits", { limit: 100 });
  return {
    habits: [...(list.items as unknown as Habit[])].sort((a, b) => a.createdAt - b.createdAt),
    loading: list.loading,
    error: list.error,
    create: list.create,
    remove: list.remove,
  };
}
