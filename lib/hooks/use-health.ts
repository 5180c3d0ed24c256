import { useQuery } from "@tanstack/react-query";
import { getHealth } from "@/lib/api/client";

const HEALTH_REFRESH_MS = 30_000;

/** The server's own health (collector, store), refreshed every 30 s for the banner. */
export function useHealth() {
  return useQuery({
    queryKey: ["health"],
    queryFn: ({ signal }) => getHealth(signal),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}
