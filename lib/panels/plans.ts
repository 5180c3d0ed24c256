import "server-only";
import type { CanonicalMetric } from "@/lib/model/canonical";
import type { PanelId } from "./catalog";
import { concurrencyPlans } from "./concurrency";
import { kvCachePlans } from "./kv-cache";
import { latencyPlans } from "./latency";
import { pendingPlans } from "./pending";
import type { PanelPlans } from "./plan-types";
import { prefixCachePlans } from "./prefix-cache";
import { replicasPlans } from "./replicas";
import { requestsPlans } from "./requests";
import { itlPlans, ttftPlans } from "./token-latency";
import { tokensPlans } from "./tokens";
import { cpuPlans, gpuPlans, memoryPlans, vramPlans } from "./usage";

/** The panel registry's server half: a panel in the catalog without plans here does not compile. */
export const PANEL_PLANS: Record<PanelId, PanelPlans> = {
  requests: requestsPlans,
  latency: latencyPlans,
  ttft: ttftPlans,
  itl: itlPlans,
  tokens: tokensPlans,
  pending: pendingPlans,
  concurrency: concurrencyPlans,
  replicas: replicasPlans,
  cpu: cpuPlans,
  memory: memoryPlans,
  gpu: gpuPlans,
  vram: vramPlans,
  kv_cache: kvCachePlans,
  prefix_cache: prefixCachePlans,
};

/** Whether an endpoint that has reported `metrics` to the embedded store has data for the panel. */
export function reportsPanel(panel: PanelId, metrics: ReadonlySet<CanonicalMetric>): boolean {
  return PANEL_PLANS[panel].reads.some((metric) => metrics.has(metric));
}
