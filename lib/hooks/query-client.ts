import { QueryClient } from "@tanstack/react-query";
import { ApiRequestError } from "@/lib/api/client";

/** Retries what may pass on a second try (network, 502, 504), never a bad parameter or an unknown id. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 10_000, refetchOnWindowFocus: false },
    },
  });
}
