import "server-only";
import { REPLICA_TARGET_LABEL } from "@/lib/integrations/target-labels";
import type { DiscoveredEndpoint } from "@/lib/model/endpoint";
import { panelNotReportedReason } from "@/lib/panels/not-reported";
import { PANEL_PLANS } from "@/lib/panels/plans";
import {
  anyMetricSelector,
  createPromContext,
  notReported,
  quoteLabelValue,
  type PanelPlan,
  type PlanQuery,
  type PromSelection,
} from "./plan";

/**
 * Where an endpoint's series are: a discovered one's are its job's (replicas by pod or instance),
 * others' carry the labels the generated prometheus.yml sets.
 */
function selectionOf(endpoint: DiscoveredEndpoint): PromSelection {
  if (endpoint.prometheusJob)
    return {
      matchers: [`job=${quoteLabelValue(endpoint.prometheusJob.job)}`],
      replicaLabel: endpoint.prometheusJob.replicaLabel,
    };
  const matchers = [`provider=${quoteLabelValue(endpoint.provider)}`, `endpoint=${quoteLabelValue(endpoint.id)}`];
  // Databricks reports no replica ids: `replica` cannot narrow anything, as in the embedded store.
  const replicaLabel = { databricks: null, huggingface: "replica_id", openmetrics: REPLICA_TARGET_LABEL }[
    endpoint.provider
  ];
  return { matchers, replicaLabel };
}

/** The PromQL for one panel of one endpoint, from the panel's registry entry. */
export function toPanelPlan(endpoint: DiscoveredEndpoint, query: PlanQuery): PanelPlan {
  const planner = PANEL_PLANS[query.panel].promql[endpoint.provider];
  if (!planner) return notReported(panelNotReportedReason(query.panel, endpoint));
  const used = new Set<string>();
  const selection = selectionOf(endpoint);
  const ctx = createPromContext(endpoint, query, selection, used);
  let rates = false;
  const plan = planner({
    ...ctx,
    rateOver: (selector) => {
      rates = true;
      return ctx.rateOver(selector);
    },
  });
  if (plan.kind !== "queries") return plan;
  const metrics = [...used].sort();
  return { ...plan, metrics, anyMetric: anyMetricSelector(selection, metrics), rates };
}
