import type { DatabricksSource } from "@/lib/config/schema";
import type { DiscoveredEndpoint, MetricsAvailability } from "@/lib/model/endpoint";
import { definedEntries } from "../defined-entries";
import { toEndpointId } from "../endpoint-id";
import { servedEntitiesOf, type DatabricksEndpoint, type DatabricksServedEntity } from "./api-types";

function sumOf(
  entities: DatabricksServedEntity[],
  pick: (entity: DatabricksServedEntity) => number | null | undefined,
) {
  const values = entities.map(pick).filter((value): value is number => typeof value === "number");
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0);
}

/** One Databricks endpoint (detailed view when available) → the canonical endpoint. Pure. */
export function toDatabricksEndpoint(
  source: DatabricksSource,
  endpoint: DatabricksEndpoint,
  metrics: MetricsAvailability,
  metricsUrl: (name: string) => string,
): DiscoveredEndpoint {
  const entities = servedEntitiesOf(endpoint);
  const first = entities[0];
  const scaleToZero = entities
    .map((entity) => entity.scale_to_zero_enabled)
    .filter((flag) => typeof flag === "boolean");
  return {
    id: toEndpointId(source.id, endpoint.name),
    source: source.id,
    provider: "databricks",
    name: endpoint.name,
    state: endpoint.state?.ready ?? "UNKNOWN",
    metrics,
    model: {
      name: first?.entity_name ?? first?.foundation_model?.name ?? first?.external_model?.name ?? null,
      version: first?.entity_version ?? null,
      details: definedEntries({
        endpoint_type: endpoint.endpoint_type,
        task: endpoint.task,
        config_update: endpoint.state?.config_update,
        served_entities: entities.length > 1 ? entities.map((entity) => entity.name ?? "?").join(", ") : null,
        workload_size: first?.workload_size,
        workload_type: first?.workload_type,
        external_provider: first?.external_model?.provider,
      }),
    },
    scaling: {
      minReplicas: null,
      maxReplicas: null,
      readyReplicas: null,
      targetReplicas: null,
      minProvisionedConcurrency: sumOf(entities, (entity) => entity.min_provisioned_concurrency),
      maxProvisionedConcurrency: sumOf(entities, (entity) => entity.max_provisioned_concurrency),
      scaleToZero: scaleToZero.length === 0 ? null : scaleToZero.some(Boolean),
    },
    scrape: metrics.available ? { url: metricsUrl(endpoint.name), intervalS: source.scrapeIntervalS } : null,
  };
}
