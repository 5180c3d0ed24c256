import { queryOptions, useQuery } from "@tanstack/react-query";
import { getEndpoint, getEndpoints } from "@/lib/api/client";

/**
 * Every visit to the page asks again, over what the cache shows meanwhile: its HTML has preloaded
 * the answer (PRELOAD_API), which would otherwise go unused, computed for nothing, on a revisit.
 */
const ASK_ON_EVERY_VISIT = { refetchOnMount: "always" } as const;

export function endpointsQueryOptions(refetchIntervalMs: number | false) {
  return queryOptions({
    queryKey: ["endpoints"],
    queryFn: ({ signal }) => getEndpoints(signal),
    refetchInterval: refetchIntervalMs,
    ...ASK_ON_EVERY_VISIT,
  });
}

export function useEndpoints(refetchIntervalMs: number | false) {
  return useQuery(endpointsQueryOptions(refetchIntervalMs));
}

export function endpointQueryOptions(id: string, refetchIntervalMs: number | false) {
  return queryOptions({
    queryKey: ["endpoint", id],
    queryFn: ({ signal }) => getEndpoint(id, signal),
    refetchInterval: refetchIntervalMs,
    ...ASK_ON_EVERY_VISIT,
  });
}

export function useEndpoint(id: string, refetchIntervalMs: number | false) {
  return useQuery(endpointQueryOptions(id, refetchIntervalMs));
}
