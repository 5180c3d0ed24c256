import "server-only";
import type { PanelId } from "./catalog";
import { concurrencyPlans } from "./concurrency";
import { latencyPlans } from "./latency";
import { pendingPlans } from "./pending";
import type { PanelPlans } from "./plan-types";
import { replicasPlans } from "./replicas";
import { requestsPlans } from "./requests";
import { cpuPlans, gpuPlans, memoryPlans, vramPlans } from "./usage";

/** The panel registry's server half: a panel in the catalog without plans here does not compile. */
export const PANEL_PLANS: Record<PanelId, PanelPlans> = {
  requests: requestsPlans,
  latency: latencyPlans,
  pending: pendingPlans,
  concurrency: concurrencyPlans,
  replicas: replicasPlans,
  cpu: cpuPlans,
  memory: memoryPlans,
  gpu: gpuPlans,
  vram: vramPlans,
};
