import "server-only";
import type { DatabricksSource } from "@/lib/config/schema";
import { UpstreamError, type HttpOptions } from "@/lib/http";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { toDiscoveryError } from "../explain-status";
import { mapConcurrent } from "../map-concurrent";
import { createNamedScrape } from "../run-scrape";
import type { SourceProvider } from "../types";
import type { DatabricksEndpoint } from "./api-types";
import { createDatabricksClient } from "./client";
import { DELETED_REASON, getDatabricksEligibility } from "./eligibility";
import { toDatabricksEndpoint, toDetailedDatabricksEndpoint } from "./mapper";
import { normalizeDatabricks } from "./normalize";

const DETAIL_CONCURRENCY = 4;
const PLATFORM = "Databricks";

export function createDatabricksProvider(source: DatabricksSource, http: HttpOptions): SourceProvider {
  const client = createDatabricksClient(source.host, source.token, http);

  // The list view lacks workload and scaling details; a failed (or refused) detail call keeps the summary.
  async function withDetails(summary: DatabricksEndpoint, signal?: AbortSignal): Promise<DiscoveredEndpoint> {
    const { metricsUrl } = client;
    try {
      return toDetailedDatabricksEndpoint(source, summary, await client.getEndpoint(summary.name, signal), metricsUrl);
    } catch (error) {
      if (signal?.aborted) throw error;
      const gone = error instanceof UpstreamError && error.status === 404;
      const eligibility = getDatabricksEligibility(summary, { warehouse: source.warehouseId !== undefined });
      const metrics = gone ? { available: false, reason: DELETED_REASON } : eligibility;
      return toDatabricksEndpoint(source, summary, metrics, metricsUrl);
    }
  }

  return {
    sourceId: source.id,
    kind: "databricks",
    async discover(signal) {
      try {
        const summaries = await client.listEndpoints(signal);
        return await mapConcurrent(summaries, DETAIL_CONCURRENCY, (summary) => withDetails(summary, signal));
      } catch (error) {
        throw toDiscoveryError(error, PLATFORM);
      }
    },
    scrape: createNamedScrape(client, source.token, normalizeDatabricks, PLATFORM),
  };
}
