import "server-only";
import { z } from "zod";
import { tryParseJson } from "@/lib/http";

/**
 * The raw JSON of the Databricks serving-endpoints API. Objects strip unknown fields instead of
 * rejecting them, and every field the list view may omit is optional: Databricks leaves out empty
 * arrays and nulls, and `endpoint_type` is absent from the SDK's types (read it here, raw).
 */
const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();

export const DatabricksServedEntitySchema = z.object({
  name: optionalString,
  entity_name: optionalString,
  entity_version: optionalString,
  foundation_model: z.object({ name: optionalString, display_name: optionalString }).nullish(),
  external_model: z.object({ name: optionalString, provider: optionalString, task: optionalString }).nullish(),
  workload_size: optionalString,
  workload_type: optionalString,
  scale_to_zero_enabled: z.boolean().nullish(),
  min_provisioned_concurrency: optionalNumber,
  max_provisioned_concurrency: optionalNumber,
  min_provisioned_throughput: optionalNumber,
  max_provisioned_throughput: optionalNumber,
  provisioned_model_units: optionalNumber,
  state: z.object({ deployment: optionalString, deployment_state_message: optionalString }).nullish(),
});
export type DatabricksServedEntity = z.infer<typeof DatabricksServedEntitySchema>;

export const DatabricksEndpointSchema = z.object({
  name: z.string().min(1),
  id: optionalString,
  endpoint_type: optionalString,
  task: optionalString,
  state: z.object({ ready: optionalString, config_update: optionalString }).nullish(),
  config: z
    .object({
      served_entities: z.array(DatabricksServedEntitySchema).nullish(),
      /** Only the detailed view has it; an int64, which some clients write as a string. */
      config_version: z.union([z.number(), z.string()]).nullish(),
    })
    .nullish(),
  /** Unity Catalog tables the endpoint's telemetry lands in (`<catalog>.<schema>.<prefix>_otel_logs`). */
  telemetry_config: z.object({ table_names: z.object({ logs_table: optionalString }).nullish() }).nullish(),
});
export type DatabricksEndpoint = z.infer<typeof DatabricksEndpointSchema>;

export const DatabricksEndpointListSchema = z.object({
  endpoints: z
    .array(DatabricksEndpointSchema)
    .nullish()
    .transform((endpoints) => endpoints ?? []),
});

/** `GET /api/2.0/serving-endpoints/{name}/served-models/{served_model}/logs`: the service logs as one text. */
export const ServedModelLogsSchema = z.object({
  logs: z
    .string()
    .nullish()
    .transform((logs) => logs ?? ""),
});

export const DatabricksErrorSchema = z.object({
  error_code: optionalString,
  message: optionalString,
  details: z.array(z.unknown()).nullish(),
});

/** The message of a Databricks error body, or null when the body is not one. */
export function readDatabricksErrorMessage(body: string): string | null {
  const parsed = DatabricksErrorSchema.safeParse(tryParseJson(body));
  return parsed.success ? (parsed.data.message ?? parsed.data.error_code ?? null) : null;
}

export function servedEntitiesOf(endpoint: DatabricksEndpoint): DatabricksServedEntity[] {
  return endpoint.config?.served_entities ?? [];
}
