import "server-only";
import { toPanelPlan } from "@/lib/backends/prometheus/promql";
import type { AppConfig } from "@/lib/config/schema";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { offeredViews, type ViewId } from "@/lib/panels/catalog";
import { PANEL_PLANS, reportsPanel } from "@/lib/panels/plans";
import type { Store } from "@/lib/store/store";

/**
 * The dashboard views to offer an endpoint. Embedded: the panels whose metrics it has reported.
 * Prometheus: the panels its PromQL plans can answer for the provider, without asking Prometheus.
 */
export function endpointViews(
  runtime: { config: Pick<AppConfig, "prometheusUrl">; store: Pick<Store, "listMetrics"> },
  endpoint: DiscoveredEndpoint,
): ViewId[] {
  if (runtime.config.prometheusUrl !== null)
    return offeredViews((panel) => toPanelPlan(endpoint, { panel, stepMs: 60_000 }).kind === "queries");
  const metrics = runtime.store.listMetrics(endpoint.id);
  return offeredViews((panel) => reportsPanel(panel, metrics));
}

/** The views of an endpoint answered from usage tables (pay-per-token): those of the panels with a usage plan. */
export function usageViews(): ViewId[] {
  return offeredViews((panel) => PANEL_PLANS[panel].usage !== undefined);
}
