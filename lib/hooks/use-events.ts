import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getEvents } from "@/lib/api/client";

/** The change events of the visible range; the previous range's stay drawn while the next loads. */
export function useEvents(endpointId: string, range: { fromMs: number; toMs: number }) {
  const { fromMs: from, toMs: to } = range;
  return useQuery({
    queryKey: ["events", endpointId, from, to],
    queryFn: ({ signal }) => getEvents(endpointId, { from, to }, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
