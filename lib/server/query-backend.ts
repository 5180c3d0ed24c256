import "server-only";
import type { SeriesResponse } from "@/lib/api/schemas";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import type { PanelQuery, SeriesBackend } from "@/lib/query/types";
import { ApiProblem } from "./api-response";

/** Runs a panel query; a backend failure (e.g. Prometheus unreachable or refusing) becomes a 502/504. */
export async function queryBackend(
  backend: SeriesBackend,
  endpoint: DiscoveredEndpoint,
  query: PanelQuery,
): Promise<SeriesResponse> {
  try {
    return await backend.queryPanel(endpoint, query);
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || /timed out/i.test(message));
    throw new ApiProblem(timedOut ? 504 : 502, timedOut ? "backend_timeout" : "backend_error", message);
  }
}
