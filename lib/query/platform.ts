import type { DiscoveredEndpoint, Provider } from "@/lib/model/endpoint";

const PLATFORM_NAMES: Record<Provider, string> = {
  databricks: "Databricks",
  huggingface: "Hugging Face",
  openmetrics: "this server",
};

/** The reason shown instead of a chart for a panel the platform does not report. */
export function notReportedReason(endpoint: DiscoveredEndpoint): string {
  if (!endpoint.metrics.available && endpoint.metrics.reason) return endpoint.metrics.reason;
  return `not reported by ${PLATFORM_NAMES[endpoint.provider]}`;
}
