import "server-only";
import type { SeriesBackend } from "@/lib/query/types";

export interface BackendFailure {
  atMs: number;
  message: string;
}

/** The backend, remembering whether its latest query failed (Prometheus unreachable, say) for /api/health. */
export function observeBackend(backend: SeriesBackend) {
  let lastFailure: BackendFailure | null = null;
  return {
    backend: {
      async queryPanel(endpoint, query) {
        try {
          const response = await backend.queryPanel(endpoint, query);
          lastFailure = null;
          return response;
        } catch (error) {
          lastFailure = { atMs: Date.now(), message: error instanceof Error ? error.message : String(error) };
          throw error;
        }
      },
    } satisfies SeriesBackend,
    lastFailure: (): BackendFailure | null => lastFailure,
  };
}
