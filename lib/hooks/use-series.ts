import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getSeries, type SeriesRequest } from "@/lib/api/client";

/** The resolved, step-aligned range is part of the key: a refresh or a zoom is a new query. */
export function seriesQueryOptions(request: SeriesRequest) {
  return queryOptions({
    queryKey: ["series", request],
    queryFn: ({ signal }) => getSeries(request, signal),
    // Keep the previous chart on screen (under an overlay) while the next range loads.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useSeries(request: SeriesRequest | null) {
  return useQuery({
    ...seriesQueryOptions(request ?? { endpointId: "", panel: "requests" }),
    enabled: request !== null,
  });
}
