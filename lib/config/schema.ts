import { z } from "zod";
import { OpenMetricsTargetsSchema } from "./openmetrics-target";
import { parseTableName, TableNameError } from "@/lib/providers/databricks/sql/table-name";
import { UpstreamUrlSchema } from "./upstream-url";

/** A source id prefixes every endpoint id, so it must be URL-safe and stable across restarts. */
export const SourceIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "must be lower-case letters, digits and dashes (at most 41)");

export const HF_DEFAULT_API = "https://api.endpoints.huggingface.cloud";

/** A Unity Catalog `catalog.schema.table`, checked as it will be sent to the warehouse. */
const TableNameSchema = z.string().superRefine((name, context) => {
  try {
    parseTableName(name);
  } catch (error) {
    if (!(error instanceof TableNameError)) throw error;
    context.addIssue({ code: "custom", message: error.message });
  }
});

/** SQL warehouse ids are hexadecimal (the `warehouse_id` of `/sql/warehouses/{id}`). */
export const WarehouseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9]{1,64}$/, "must be a SQL warehouse id (letters and digits)");

export const DatabricksSourceSchema = z.object({
  kind: z.literal("databricks"),
  id: SourceIdSchema,
  host: UpstreamUrlSchema,
  token: z.string().min(1),
  scrapeIntervalS: z.number().positive().default(60),
  /** The SQL warehouse that reads telemetry tables and system.serving usage. */
  warehouseId: WarehouseIdSchema.optional(),
  /**
   * Per endpoint name: its telemetry logs table, for workspaces whose GET of the endpoint does not
   * return `telemetry_config` (or to read another table).
   */
  endpoints: z.record(z.string(), z.object({ logsTable: TableNameSchema }).strict()).optional(),
});

export const HuggingFaceSourceSchema = z.object({
  kind: z.literal("huggingface"),
  id: SourceIdSchema,
  namespace: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a Hugging Face user or organisation name"),
  token: z.string().min(1),
  apiBase: UpstreamUrlSchema.default(HF_DEFAULT_API),
  scrapeIntervalS: z.number().positive().default(15),
});

export const OpenMetricsSourceSchema = z.object({
  kind: z.literal("openmetrics"),
  id: SourceIdSchema,
  targets: OpenMetricsTargetsSchema,
  token: z.string().min(1).nullable().default(null),
  scrapeIntervalS: z.number().positive().default(15),
});

export const SourceConfigSchema = z.discriminatedUnion("kind", [
  DatabricksSourceSchema,
  HuggingFaceSourceSchema,
  OpenMetricsSourceSchema,
]);
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type DatabricksSource = z.infer<typeof DatabricksSourceSchema>;
export type HuggingFaceSource = z.infer<typeof HuggingFaceSourceSchema>;
export type OpenMetricsSource = z.infer<typeof OpenMetricsSourceSchema>;

export const AppConfigSchema = z.object({
  sources: z.array(SourceConfigSchema),
  prometheusUrl: z.string().url().nullable(),
  /** List endpoints from the LLM-server families already in that Prometheus (SERVESCOPE_PROMETHEUS_DISCOVERY=1). */
  prometheusDiscovery: z.boolean(),
  secretsDir: z.string().min(1),
  dataDir: z.string().min(1),
  scrapeIntervalOverrideS: z.number().positive().nullable(),
  /** How often every source is listed again (change events are found between two listings). */
  discoveryIntervalS: z.number().positive(),
  host: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  authToken: z.string().min(16).nullable(),
  /** True when the sources are the built-in demo workspace's simulated upstreams. */
  demo: z.boolean(),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;
