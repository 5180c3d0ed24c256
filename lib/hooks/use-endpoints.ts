import { queryOptions, useQuery } from "@tanstack/react-query";
import { getEndpoint, getEndpoints } from "@/lib/api/client";

export function endpointsQueryOptions(refetchIntervalMs: number | false) {
  return queryOptions({
    queryKey: ["endpoints"],
    queryFn: ({ signal }) => getEndpoints(signal),
    refetchInterval: refetchIntervalMs,
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
