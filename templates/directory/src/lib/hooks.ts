import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `ms`: a search asks the server once per pause, not per key. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The server answers 503 `search_indexing` while it builds a collection's search index for the
 * first time (a few seconds, once): ask again shortly instead of leaving the error on screen.
 */
export function useRetryWhileIndexing(error: { code?: string } | null, refresh: () => Promise<void>): boolean {
  const indexing = error?.code === "search_indexing";
  useEffect(() => {
    if (!indexing) return;
    const timer = setTimeout(() => void refresh(), 2000);
    return () => clearTimeout(timer);
  }, [indexing, refresh]);
  return indexing;
}
