/**
 * TanStack Query over the studio API, typed from the server's contract (`StudioTypes`): a key per
 * GET path, the request's AbortSignal passed to fetch (a superseded query is cancelled), and
 * mutations that invalidate what they changed instead of bumping refresh counters.
 */
import { QueryClient, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { api, ApiError, type StudioTypes } from "./api";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not get better by asking again; network trouble and 5xx get one more try.
      retry: (count, err) => count < 1 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

/** GET `path` as the contract's `name` response. */
export function useStudioQuery<K extends keyof StudioTypes>(
  name: K,
  path: string,
  options: { enabled?: boolean } = {},
): UseQueryResult<StudioTypes[K], unknown> {
  return useQuery({
    queryKey: [name, path],
    queryFn: ({ signal }) => api<StudioTypes[K]>("GET", path, undefined, { signal }),
    enabled: options.enabled ?? true,
  });
}

/** Every cached response of `name` is stale now (after a mutation that changed it). */
export function invalidate(name: keyof StudioTypes): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [name] });
}
