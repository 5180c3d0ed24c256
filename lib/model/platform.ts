import type { DiscoveredEndpoint, Provider } from "./endpoint";

/** Each provider's name as people know it (badges, filters, headings). */
export const PROVIDER_NAMES: Record<Provider, string> = {
  databricks: "Databricks",
  huggingface: "Hugging Face",
  openmetrics: "OpenMetrics",
};

/**
 * Who does not report a panel, in "not reported by …": the platform, or for a self-hosted target
 * the server it was recognised as ("vLLM"), else "this server".
 */
export function reporterName(endpoint: Pick<DiscoveredEndpoint, "provider" | "model">): string {
  if (endpoint.provider !== "openmetrics") return PROVIDER_NAMES[endpoint.provider];
  return endpoint.model.details.server ?? "this server";
}

/** The reason a panel shows instead of a chart when the endpoint lacks what it needs. */
export function notReportedReason(endpoint: Pick<DiscoveredEndpoint, "provider" | "model" | "metrics">): string {
  if (!endpoint.metrics.available && endpoint.metrics.reason) return endpoint.metrics.reason;
  return `not reported by ${reporterName(endpoint)}`;
}
