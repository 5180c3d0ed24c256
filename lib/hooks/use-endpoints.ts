import { queryOptions, useQuery } from "@tanstack/react-query";
import { getEndpoint, getEndpoints } from "@/lib/api/client";

export function endpointsQueryOptions(refetchIntervalMs: number | false) {
  return queryOptions({
    queryKey: ["endpoints"],
    queryFn: ({ signal }) => getEndpoints(signal),
    refetchInterval: refetchIntervalMs,
    // Every visit asks again, over what the cache shows meanwhile: the fleet page's HTML has
    // preloaded the answer (PRELOAD_API), which would otherwise go unused, computed for nothing.
    refetchOnMount: "always",
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
  });
}

export function useEndpoint(id: string, refetchIntervalMs: number | false) {
  return useQuery(endpointQueryOptions(id, refetchIntervalMs));
}
