import { quantilesFromHistogram } from "@/lib/query/quantile-windows";
import { selfHostedQuantiles } from "./latency";
import type { PanelPlans } from "./plan-types";
import { SELF_HOSTED } from "./self-hosted-families";

/** p50…p99 of an LLM server's own histogram: buckets summed over the window and replicas, then histogram_quantile. */
function histogramPlans(metric: "ttft_bucket_cumulative_ms" | "itl_bucket_cumulative_ms"): PanelPlans {
  return {
    reads: [metric],
    embedded: (ctx) => (ctx.metrics.has(metric) ? { series: quantilesFromHistogram(ctx, metric) } : null),
    promql: { openmetrics: (ctx) => selfHostedQuantiles(ctx, SELF_HOSTED[metric]) },
  };
}

/** Time to first token (TGI exports none: its catalog entry says so). */
export const ttftPlans = histogramPlans("ttft_bucket_cumulative_ms");
/** Inter-token latency (time per output token; TGI's mean time per token of each request). */
export const itlPlans = histogramPlans("itl_bucket_cumulative_ms");
