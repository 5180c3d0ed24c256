import { gaugeSeries } from "./per-replica";
import type { PanelPlans } from "./plan-types";

/** KV-cache use %: the mean over replicas of window averages, or one series per replica. */
export const kvCachePlans: PanelPlans = {
  reads: ["kv_cache_percent"],
  embedded: (ctx) => gaugeSeries(ctx, "kv_cache_percent", "avg", "mean"),
  promql: {},
};
