import type { SourceConfig } from "@/lib/config/schema";
import { DEFAULT_HTTP_OPTIONS } from "@/lib/http";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { DatabricksEndpointSchema } from "@/lib/providers/databricks/api-types";
import { createDatabricksClient } from "@/lib/providers/databricks/client";
import { toDetailedDatabricksEndpoint } from "@/lib/providers/databricks/mapper";
import { withDistinctIds } from "@/lib/providers/endpoint-id";
import { HuggingFaceEndpointSchema } from "@/lib/providers/huggingface/api-types";
import { createHuggingFaceClient } from "@/lib/providers/huggingface/client";
import { toHuggingFaceEndpoint } from "@/lib/providers/huggingface/mapper";
import { DATABRICKS_ENDPOINTS, toDatabricksJson } from "@/lib/simulation/databricks-catalog";
import { HUGGINGFACE_ENDPOINTS } from "@/lib/simulation/huggingface-catalog";
import { toHuggingFaceJson } from "@/lib/simulation/huggingface-state";
import type { SimulationOptions } from "@/lib/simulation/options";

/** What discovering a source would have found at a past instant. */
export type DiscoverAt = (atMs: number) => DiscoveredEndpoint[];

/**
 * A discovery of one simulated source at any instant, without HTTP: the JSON the fake server would
 * have answered then, through the provider's own schemas and mappers (as `discover` maps it).
 * Null for a source the simulation does not serve.
 */
export function replayDiscovery(source: SourceConfig, simulation: SimulationOptions): DiscoverAt | null {
  switch (source.kind) {
    case "databricks": {
      const { metricsUrl } = createDatabricksClient(source.host, source.token, DEFAULT_HTTP_OPTIONS);
      return (atMs) =>
        withDistinctIds(
          DATABRICKS_ENDPOINTS.map((def) => {
            const summary = DatabricksEndpointSchema.parse(toDatabricksJson(def, false, atMs, simulation));
            const detail = DatabricksEndpointSchema.parse(toDatabricksJson(def, true, atMs, simulation));
            return toDetailedDatabricksEndpoint(source, summary, detail, metricsUrl);
          }),
        );
    }
    case "huggingface": {
      const { metricsUrl } = createHuggingFaceClient(
        source.apiBase,
        source.namespace,
        source.token,
        DEFAULT_HTTP_OPTIONS,
      );
      return (atMs) =>
        withDistinctIds(
          HUGGINGFACE_ENDPOINTS.map((def) =>
            toHuggingFaceEndpoint(
              source,
              HuggingFaceEndpointSchema.parse(toHuggingFaceJson(def, source.namespace, atMs)),
              metricsUrl,
            ),
          ),
        );
    }
    default:
      return null;
  }
}
