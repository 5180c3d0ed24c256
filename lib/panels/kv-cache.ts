import { queries } from "@/lib/backends/prometheus/plan";
import { gaugeSeries } from "./per-replica";
import type { PanelPlans } from "./plan-types";
import { SELF_HOSTED } from "./self-hosted-families";
import { selfHostedMeanQuery } from "./self-hosted-queries";

/** KV-cache use %: the mean over replicas of window averages, or one series per replica. */
export const kvCachePlans: PanelPlans = {
  reads: ["kv_cache_percent"],
  embedded: (ctx) => gaugeSeries(ctx, "kv_cache_percent", "avg", "mean"),
  promql: {
    openmetrics: (ctx) =>
      queries([selfHostedMeanQuery(ctx, SELF_HOSTED.kv_cache_percent(ctx, ctx.gaugeOver), "model")]),
  },
};
