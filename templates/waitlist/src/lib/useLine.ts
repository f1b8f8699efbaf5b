import { useEffect } from "react";
import { useCollection, type SandlotError } from "@sandlot/sdk";
import type { LineEntry } from "./line";

/**
 * The whole line, read page by page. The list API has no count, so a position needs every entry:
 * 100 per request, up to MAX_PAGES (README: "Known limits"). No entry carries anyone's email.
 */
const PAGE = 100;
const MAX_PAGES = 50;

export interface Line {
  entries: LineEntry[];
  /** True until every page is in (or the cap is reached). */
  loading: boolean;
  /** More entries exist than this page reads. */
  truncated: boolean;
  error: SandlotError | null;
  create(data: { name?: string; referredBy?: string }): Promise<LineEntry | null>;
  remove(id: string): Promise<void>;
  refresh(): Promise<void>;
}

export function useLine(): Line {
  const list = useCollection("entries", { limit: PAGE });
  const entries = list.items as unknown as LineEntry[];
  const capped = entries.length >= PAGE * MAX_PAGES;
  useEffect(() => {
    if (list.hasMore && !list.loading && !list.error && !capped) void list.loadMore();
  }, [list.hasMore, list.loading, list.error, capped, list.loadMore]);
  return {
    entries,
    loading: list.loading || (list.hasMore && !capped && !list.error),
    truncated: capped && list.hasMore,
    error: list.error,
    create: async (data) => (await list.create(data)) as unknown as LineEntry | null,
    remove: list.remove,
    refresh: list.refresh,
  };
}
