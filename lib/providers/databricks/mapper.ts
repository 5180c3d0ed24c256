import "server-only";
import type { DatabricksSource } from "@/lib/config/schema";
import type {
  DiscoveredEndpoint,
  EndpointRevision,
  EndpointTelemetry,
  MetricsAvailability,
} from "@/lib/model/endpoint";
import { definedEntries } from "../defined-entries";
import { toEndpointId } from "../endpoint-id";
import { servedEntitiesOf, type DatabricksEndpoint, type DatabricksServedEntity } from "./api-types";
import { getDatabricksEligibility, hasProvisionedThroughput, isPayPerToken } from "./eligibility";

function sumOf(
  entities: DatabricksServedEntity[],
  pick: (entity: DatabricksServedEntity) => number | null | undefined,
) {
  const values = entities.map(pick).filter((value): value is number => typeof value === "number");
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0);
}

/** The model an entity serves: a Unity Catalog model, a foundation model, an external model. */
function modelNameOf(entity: DatabricksServedEntity): string | null {
  return entity.entity_name ?? entity.foundation_model?.name ?? entity.external_model?.name ?? null;
}

/** A custom model (or feature spec) runs our own container, whose service logs the API serves. */
function hasServiceLogs(entity: DatabricksServedEntity): boolean {
  return (
    Boolean(entity.name && entity.entity_name) &&
    !entity.foundation_model &&
    !entity.external_model &&
    !hasProvisionedThroughput(entity)
  );
}

/** `config_version` is only in the detailed view: without it, nothing is said about the config. */
function toRevision(endpoint: DatabricksEndpoint, entities: DatabricksServedEntity[]): EndpointRevision {
  const version = endpoint.config?.config_version;
  return {
    config: version == null ? null : { kind: "config_version", value: String(version) },
    entities: entities.map((entity) => ({
      name: modelNameOf(entity) ?? entity.name ?? "?",
      version: entity.entity_version ?? null,
    })),
  };
}

function toTelemetry(
  source: DatabricksSource,
  endpoint: DatabricksEndpoint,
  entities: DatabricksServedEntity[],
): EndpointTelemetry {
  return {
    // The configured table wins: the workspace's GET may not return telemetry_config at all.
    logsTable:
      source.endpoints?.[endpoint.name]?.logsTable ?? endpoint.telemetry_config?.table_names?.logs_table ?? null,
    servedModels: entities.filter(hasServiceLogs).map((entity) => entity.name ?? ""),
    payPerToken: isPayPerToken(endpoint),
  };
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
      name: first ? modelNameOf(first) : null,
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
    revision: toRevision(endpoint, entities),
    telemetry: toTelemetry(source, endpoint, entities),
  };
}

/**
 * The endpoint from its list entry and its detailed view: eligibility decided from the list entry
 * (what `/metrics` may be asked), `endpoint_type` taken from it (the detailed view may lack it).
 */
export function toDetailedDatabricksEndpoint(
  source: DatabricksSource,
  summary: DatabricksEndpoint,
  detail: DatabricksEndpoint,
  metricsUrl: (name: string) => string,
): DiscoveredEndpoint {
  const eligibility = getDatabricksEligibility(summary, { warehouse: source.warehouseId !== undefined });
  return toDatabricksEndpoint(
    source,
    { ...detail, endpoint_type: summary.endpoint_type ?? detail.endpoint_type },
    eligibility,
    metricsUrl,
  );
}
