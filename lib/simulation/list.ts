import { DATABRICKS_ENDPOINTS } from "./databricks-catalog";
import { HUGGINGFACE_ENDPOINTS } from "./huggingface-catalog";

export interface SimulatedEndpoint {
  platform: "databricks" | "huggingface";
  name: string;
  /** Whether the platform would ever serve metrics for it (a scale-to-zero endpoint only while awake). */
  servesMetrics: boolean;
}

/** Every simulated endpoint of both platforms, for backfills and tests. */
export function listSimulatedEndpoints(): SimulatedEndpoint[] {
  return [
    ...DATABRICKS_ENDPOINTS.map((def) => ({
      platform: "databricks" as const,
      name: def.name,
      servesMetrics: def.metrics !== null,
    })),
    ...HUGGINGFACE_ENDPOINTS.map((def) => ({
      platform: "huggingface" as const,
      name: def.name,
      servesMetrics: def.serving !== null,
    })),
  ];
}
