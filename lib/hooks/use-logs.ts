import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getLogs } from "@/lib/api/client";
import type { LogsQueryParams } from "@/lib/api/schemas";

export type LogsRequest = Omit<LogsQueryParams, "before"> & { endpointId: string };

/**
 * The logs of a range, newest first, one page at a time: each further page starts before the
 * previous one's last row (its `nextBefore`). A new range or filter is a new query; the rows
 * shown stay until it answers.
 */
export function useLogs(request: LogsRequest | null) {
  return useInfiniteQuery({
    queryKey: ["logs", request],
    queryFn: ({ signal, pageParam }) => {
      const { endpointId, ...query } = request!;
      return getLogs(endpointId, { ...query, ...(pageParam ? { before: pageParam } : {}) }, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextBefore ?? null,
    placeholderData: keepPreviousData,
    enabled: request !== null,
    staleTime: 60_000,
  });
}
