import { z } from "zod";

export const ProviderSchema = z.enum(["databricks", "huggingface", "openmetrics"]);
export type Provider = z.infer<typeof ProviderSchema>;

export const MetricsAvailabilitySchema = z.object({
  available: z.boolean(),
  /** Why there are no metrics, in words a user understands; null when available. */
  reason: z.string().nullable(),
});
export type MetricsAvailability = z.infer<typeof MetricsAvailabilitySchema>;

export const ScalingSchema = z.object({
  minReplicas: z.number().nullable(),
  maxReplicas: z.number().nullable(),
  readyReplicas: z.number().nullable(),
  targetReplicas: z.number().nullable(),
  minProvisionedConcurrency: z.number().nullable(),
  maxProvisionedConcurrency: z.number().nullable(),
  scaleToZero: z.boolean().nullable(),
});
export type Scaling = z.infer<typeof ScalingSchema>;

/** Scaling of an endpoint whose platform says nothing about it (e.g. a self-hosted server). */
export const UNKNOWN_SCALING: Scaling = {
  minReplicas: null,
  maxReplicas: null,
  readyReplicas: null,
  targetReplicas: null,
  minProvisionedConcurrency: null,
  maxProvisionedConcurrency: null,
  scaleToZero: null,
};

export const ModelInfoSchema = z.object({
  /** Served entity / model repository, e.g. "prod.risk.fraud_scorer" or "meta-llama/Llama-3.1-8B-Instruct". */
  name: z.string().nullable(),
  version: z.string().nullable(),
  /** Extra platform words worth showing: task, workload type, instance, endpoint_type. */
  details: z.record(z.string(), z.string()),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/**
 * What change detection compares between two discoveries (DESIGN.md, "Change events"): the
 * platform's configuration marker and the version of each model it serves.
 */
export const EndpointRevisionSchema = z.object({
  /** Databricks `config_version` (a counter), Hugging Face `status.updatedAt` (a time). */
  config: z.object({ kind: z.enum(["config_version", "updated_at"]), value: z.string() }).nullable(),
  /** Served entities (Databricks) or the model (Hugging Face), by model name. */
  entities: z.array(z.object({ name: z.string(), version: z.string().nullable() })),
});
export type EndpointRevision = z.infer<typeof EndpointRevisionSchema>;

/** Where Databricks SQL and the serving API hold more about an endpoint than its metrics. */
export const EndpointTelemetrySchema = z.object({
  /** The Unity Catalog logs table its telemetry lands in, as configured or reported (unchecked). */
  logsTable: z.string().nullable(),
  /** Served models with service logs (custom models), by served entity name. */
  servedModels: z.array(z.string()),
  /** A pay-per-token Foundation Model API endpoint: its usage is in system.serving.endpoint_usage. */
  payPerToken: z.boolean(),
});
export type EndpointTelemetry = z.infer<typeof EndpointTelemetrySchema>;

/**
 * One discovered endpoint as the server knows it. `scrape` is server-side only (the API omits it):
 * it says where metrics come from, never the token.
 */
export const DiscoveredEndpointSchema = z.object({
  /** Stable and URL-safe: `${sourceId}.${slug(name)}`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  source: z.string(),
  provider: ProviderSchema,
  name: z.string(),
  /** The platform's own words: READY / NOT_READY, running / scaledToZero, … */
  state: z.string(),
  metrics: MetricsAvailabilitySchema,
  model: ModelInfoSchema,
  scaling: ScalingSchema,
  scrape: z
    .object({
      url: z.string().url(),
      intervalS: z.number().positive(),
    })
    .nullable(),
  /** Absent where the platform has no such notion (self-hosted servers), and in stores written before it. */
  revision: EndpointRevisionSchema.optional(),
  telemetry: EndpointTelemetrySchema.optional(),
  /**
   * An endpoint found among the series a Prometheus already holds (discovery): its series are the
   * job's, its replicas told apart by `pod` where the targets carry one, else by `instance`.
   */
  prometheusJob: z.object({ job: z.string(), replicaLabel: z.enum(["pod", "instance"]) }).optional(),
});
export type DiscoveredEndpoint = z.infer<typeof DiscoveredEndpointSchema>;
