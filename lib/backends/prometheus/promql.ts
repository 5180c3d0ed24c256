import "server-only";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { notReportedReason } from "@/lib/model/platform";
import { PANEL_PLANS } from "@/lib/panels/plans";
import { createPromContext, escapeRegex, notReported, quoteLabelValue, type PanelPlan, type PlanQuery } from "./plan";

/**
 * The PromQL for one panel of one endpoint, from the panel's registry entry, selecting by the
 * labels the generated prometheus.yml sets.
 */
export function toPanelPlan(endpoint: DiscoveredEndpoint, query: PlanQuery): PanelPlan {
  if (endpoint.provider === "openmetrics")
    return notReported("not mapped for OpenMetrics targets with a Prometheus backend");
  const planner = PANEL_PLANS[query.panel].promql[endpoint.provider];
  if (!planner) return notReported(notReportedReason(endpoint));
  const used = new Set<string>();
  // Databricks reports no replica ids: `replica` cannot narrow anything, as in the embedded store.
  const plan = planner(createPromContext(endpoint, query, endpoint.provider === "huggingface", used));
  return plan.kind === "queries" ? { ...plan, metrics: [...used].sort() } : plan;
}

/** A selector matching any of the metrics of a plan for the endpoint (for an existence check). */
export function anyMetricSelector(endpoint: DiscoveredEndpoint, metrics: readonly string[]): string {
  const names = metrics.map(escapeRegex).join("|");
  return `{__name__=~${quoteLabelValue(names)},provider=${quoteLabelValue(endpoint.provider)},endpoint=${quoteLabelValue(endpoint.id)}}`;
}
