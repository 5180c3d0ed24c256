import { configChangesBy } from "./config-changes";
import type { SimulationOptions } from "./options";
import type { TrafficProfile } from "./traffic";

export interface DatabricksMetricsProfile {
  traffic: TrafficProfile;
  latencyMedianMs: number;
  ratio4xx: number;
  ratio5xx: number;
  /** Has the recurring 5xx incident. */
  incident: boolean;
  /** Reports cpu_usage_percentage and mem_usage_percentage (external models do not). */
  resources: boolean;
  gpus: number;
  gpuMemoryFamily: "gpu_memory_usage_percentage" | "gpu_mem_usage_percentage";
  provisionedConcurrency: { min: number; max: number } | null;
}

type Json = Record<string, unknown>;

interface EntityDef {
  /** Fields of the list view. */
  summary: Json;
  /** Fields only the detailed view has. */
  detail?: Json;
}

export interface DatabricksEndpointDef {
  name: string;
  endpointType?: "FOUNDATION_MODEL_API" | "EXTERNAL_MODEL";
  ready: string;
  configUpdate: string;
  task?: string;
  entities: EntityDef[];
  /** Null: `/metrics` answers 404 as Databricks does for endpoints without metrics. */
  metrics: DatabricksMetricsProfile | null;
  /** Endpoint telemetry persisted to Unity Catalog (`<catalog>.<schema>.<prefix>_otel_logs`). */
  telemetry?: { logsTable: string };
}

const deployed = { deployment: "DEPLOYMENT_READY", deployment_state_message: "" };

const baseProfile = {
  ratio4xx: 0.01,
  ratio5xx: 0.002,
  incident: false,
  resources: true,
  gpus: 0,
  gpuMemoryFamily: "gpu_memory_usage_percentage",
  provisionedConcurrency: null,
} as const;

/** The simulated workspace: healthy, incident, GPU, pay-per-token, external, not ready and updating endpoints. */
export const DATABRICKS_ENDPOINTS: readonly DatabricksEndpointDef[] = [
  {
    name: "fraud-scorer",
    ready: "READY",
    configUpdate: "NOT_UPDATING",
    entities: [
      {
        summary: { name: "fraud-scorer-3", entity_name: "prod.risk.fraud_scorer", entity_version: "3" },
        detail: {
          workload_size: "Medium",
          workload_type: "GPU_SMALL",
          scale_to_zero_enabled: false,
          min_provisioned_concurrency: 8,
          max_provisioned_concurrency: 16,
          state: deployed,
        },
      },
    ],
    metrics: {
      ...baseProfile,
      traffic: { seed: "fraud-scorer", baseRps: 20, dailyAmplitude: 0.5 },
      latencyMedianMs: 40,
      gpus: 2,
      provisionedConcurrency: { min: 8, max: 16 },
    },
  },
  {
    name: "llama-pt",
    ready: "READY",
    configUpdate: "NOT_UPDATING",
    task: "llm/v1/chat",
    entities: [
      {
        summary: {
          name: "llama-pt-1",
          entity_name: "system.ai.meta_llama_v3_3_70b_instruct",
          entity_version: "1",
          foundation_model: null,
        },
        detail: {
          min_provisioned_throughput: 0,
          max_provisioned_throughput: 9500,
          scale_to_zero_enabled: false,
          state: deployed,
        },
      },
    ],
    metrics: {
      ...baseProfile,
      traffic: { seed: "llama-pt", baseRps: 3, dailyAmplitude: 0.55 },
      latencyMedianMs: 900,
      gpus: 4,
      gpuMemoryFamily: "gpu_mem_usage_percentage",
    },
  },
  {
    name: "recsys-features",
    ready: "READY",
    configUpdate: "UPDATE_FAILED",
    entities: [
      {
        summary: { name: "recsys-fs", entity_name: "prod.recsys.user_features_spec", entity_version: "2" },
        detail: { workload_size: "Small", workload_type: "CPU", scale_to_zero_enabled: false, state: deployed },
      },
    ],
    metrics: {
      ...baseProfile,
      traffic: { seed: "recsys-features", baseRps: 50, dailyAmplitude: 0.4 },
      latencyMedianMs: 15,
      incident: true,
    },
    telemetry: { logsTable: "prod.serving_telemetry.recsys_features_otel_logs" },
  },
  {
    name: "openai-proxy",
    endpointType: "EXTERNAL_MODEL",
    ready: "READY",
    configUpdate: "NOT_UPDATING",
    task: "llm/v1/chat",
    entities: [
      { summary: { name: "gpt-proxy", external_model: { name: "gpt-4o", provider: "openai", task: "llm/v1/chat" } } },
    ],
    metrics: {
      ...baseProfile,
      traffic: { seed: "openai-proxy", baseRps: 2, dailyAmplitude: 0.6 },
      latencyMedianMs: 1200,
      ratio4xx: 0.03,
      resources: false,
    },
  },
  {
    name: "databricks-meta-llama-3-3-70b-instruct",
    endpointType: "FOUNDATION_MODEL_API",
    ready: "READY",
    configUpdate: "NOT_UPDATING",
    task: "llm/v1/chat",
    entities: [
      {
        summary: {
          name: "databricks-meta-llama-3-3-70b-instruct",
          foundation_model: {
            name: "databricks-meta-llama-3-3-70b-instruct",
            display_name: "Meta Llama 3.3 70B Instruct",
            description: "Pay-per-token foundation model",
          },
        },
      },
    ],
    metrics: null,
  },
  {
    name: "databricks-bge-large-en",
    ready: "READY",
    configUpdate: "NOT_UPDATING",
    task: "llm/v1/embeddings",
    entities: [
      {
        summary: {
          name: "databricks-bge-large-en",
          foundation_model: { name: "databricks-bge-large-en", display_name: "BGE Large (English)" },
        },
      },
    ],
    metrics: null,
  },
  {
    name: "churn-model",
    ready: "NOT_READY",
    configUpdate: "IN_PROGRESS",
    entities: [
      {
        summary: { name: "churn-1", entity_name: "prod.growth.churn", entity_version: "1" },
        detail: {
          workload_size: "Small",
          workload_type: "CPU",
          scale_to_zero_enabled: true,
          state: { deployment: "DEPLOYMENT_CREATING", deployment_state_message: "Creating the container image" },
        },
      },
    ],
    metrics: null,
  },
  {
    name: "search-embeddings",
    ready: "READY",
    configUpdate: "IN_PROGRESS",
    entities: [
      {
        summary: { name: "search-embeddings-7", entity_name: "prod.search.embedder", entity_version: "7" },
        detail: { workload_size: "Small", workload_type: "GPU_SMALL", scale_to_zero_enabled: true, state: deployed },
      },
    ],
    metrics: {
      ...baseProfile,
      traffic: { seed: "search-embeddings", baseRps: 8, dailyAmplitude: 0.3 },
      latencyMedianMs: 25,
      gpus: 1,
    },
  },
];

export function findDatabricksEndpoint(name: string): DatabricksEndpointDef | undefined {
  return DATABRICKS_ENDPOINTS.find((endpoint) => endpoint.name === name);
}

const CREATED_MS = 1_760_000_000_000;

/** The endpoint's id in the workspace (32 hex digits). */
export function databricksEndpointIdOf(def: DatabricksEndpointDef): string {
  return `${DATABRICKS_ENDPOINTS.indexOf(def)}`.padStart(32, "0");
}

/** A version string moved on by `changes` (non-numeric versions stay as they are). */
function bumped(version: unknown, changes: number): unknown {
  return typeof version === "string" && /^\d+$/.test(version) ? String(Number(version) + changes) : version;
}

/**
 * The endpoint at `atMs` as `GET /serving-endpoints` (summary) or `GET /serving-endpoints/{name}`
 * (detailed) shows it; the incident endpoint's config and entity versions move on at each of its
 * config changes (config-changes.ts).
 */
export function toDatabricksJson(
  def: DatabricksEndpointDef,
  detailed: boolean,
  atMs: number,
  options: SimulationOptions,
): Json {
  const index = DATABRICKS_ENDPOINTS.indexOf(def);
  const changes = def.metrics?.incident ? configChangesBy(atMs, options) : 0;
  const entities = def.entities.map((entity) => {
    const summary = { ...entity.summary, entity_version: bumped(entity.summary.entity_version, changes) };
    return detailed ? { ...summary, ...entity.detail } : summary;
  });
  return {
    name: def.name,
    ...(def.endpointType ? { endpoint_type: def.endpointType } : {}),
    id: databricksEndpointIdOf(def),
    creator: "ml-platform@example.com",
    creation_timestamp: CREATED_MS + index * 86_400_000,
    last_updated_timestamp: CREATED_MS + (index + 10) * 86_400_000,
    state: { ready: def.ready, config_update: def.configUpdate },
    config: detailed
      ? {
          config_version: 1 + changes,
          served_entities: entities,
          traffic_config: {
            routes: def.entities.map((entity) => ({
              served_entity_name: entity.summary.name,
              traffic_percentage: 100,
            })),
          },
        }
      : { served_entities: entities },
    ...(detailed ? { permission_level: "CAN_MANAGE", route_optimized: false } : {}),
    ...(detailed && def.telemetry
      ? { telemetry_config: { table_names: { logs_table: def.telemetry.logsTable } } }
      : {}),
    task: def.task ?? null,
  };
}
