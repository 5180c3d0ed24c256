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
});
export type DiscoveredEndpoint = z.infer<typeof DiscoveredEndpointSchema>;
